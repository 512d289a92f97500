import { createHash } from "node:crypto";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { expect, test, type Page } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { digestIdFor, lockIdFor, stateKey } from "@/lib/backend/keys";
import { estateBackends } from "@/testkit/estate";
import { uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { storageStateFor } from "./support/helpers";

/**
 * The keyboard alone: the skip link, the shortcuts (`/`, `g` + letter, `?`), and every write flow
 * (break a lock, repair a digest, restore a version) driven with Tab, Enter and typing only, with
 * focus landing on the confirmation each time. Writes use workspaces of their own on data-teams.
 */
const backend = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "data-teams")!;
const ctx = openBackend({ name: backend.name, options: backend.options, source: "e2e" });
const writer = new ToolWriter(ctx);
const table = backend.options.dynamodb_table!;

/** Presses Tab until the element with this test id has focus (fails if it is not reachable within `max` presses). */
async function tabTo(page: Page, testId: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((id) => document.activeElement?.getAttribute("data-testid") === id, testId)) return;
  }
  throw new Error(`${testId} is not reachable with Tab within ${max} presses`);
}

async function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);
}

test.describe("shortcuts and skip link", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("the first Tab reaches the skip link, which moves focus to the content", async ({ page }) => {
    await page.goto("/b/prod-network/w/default/state");
    await expect(page.getByTestId("workspace-title")).toBeVisible();
    await page.keyboard.press("Tab");
    expect(await focusedTestId(page)).toBe("skip-link");
    await expect(page.getByTestId("skip-link")).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });

  test("/ focuses search, g + letter moves between tabs and pages, ? lists the shortcuts", async ({ page }) => {
    await page.goto("/b/prod-network/w/default/state");
    await expect(page.getByTestId("tab-state")).toHaveAttribute("aria-current", "page");
    // Until the page is interactive, keys do nothing (the server-rendered page arrives whole, before its script runs).
    await expect(page.locator("html")).toHaveAttribute("data-shortcuts", "on");

    await page.keyboard.press("/");
    await expect(page.getByTestId("header-search")).toBeFocused();
    // Typed into a field, g and ? are text, not shortcuts.
    await page.keyboard.type("g?");
    await expect(page.getByTestId("header-search")).toHaveValue("g?");
    await expect(page).toHaveURL(/\/state$/);
    await page.getByTestId("header-search").blur();

    for (const [key, tab] of [
      ["o", "outputs"],
      ["v", "versions"],
      ["d", "diff"],
      ["l", "lock"],
      ["s", "state"],
    ] as const) {
      await page.keyboard.press("g");
      await page.keyboard.press(key);
      await expect(page).toHaveURL(new RegExp(`/b/prod-network/w/default/${tab}$`));
      await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute("aria-current", "page");
      // The title names the workspace and the tab.
      await expect(page).toHaveTitle(new RegExp(`^prod-network / default · ${tab[0]!.toUpperCase()}${tab.slice(1)} · Statehouse$`));
    }
    // Outside a workspace, g l is the estate's Locks page; g b the backends.
    await page.keyboard.press("g");
    await page.keyboard.press("b");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1, name: "Backends" })).toBeVisible();
    await page.keyboard.press("g");
    await page.keyboard.press("l");
    await expect(page).toHaveURL(/\/locks$/);

    // ? opens an accessible modal dialog that lists them; Escape closes it and gives focus back.
    await page.getByTestId("nav-locks").focus();
    await page.keyboard.press("Shift+?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Versions tab");
    await expect(page.getByTestId("shortcuts-close")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("nav-locks")).toBeFocused();
  });

  test("the role on the backend is shown beside the workspace", async ({ browser }) => {
    for (const role of ["viewer", "operator", "admin"] as const) {
      const context = await browser.newContext({ storageState: storageStateFor(role) });
      const page = await context.newPage();
      await page.goto("/b/prod-network/w/default/state");
      await expect(page.getByTestId("backend-role")).toHaveAttribute("data-role", role);
      await page.goto("/b/prod-network");
      await expect(page.getByTestId("backend-role")).toHaveAttribute("data-role", role);
      await context.close();
    }
  });
});

test.describe("write flows with the keyboard alone", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("break a lock: Tab, Enter, pick the ID, confirm; focus lands on the confirmation", async ({ page }) => {
    const ws = uniqueName("e2e-kbd-lock");
    await writer.apply(ws, buildState({ seed: 81 }));
    const info = await writer.lock(ws, { who: "crashed-ci@runner-7", operation: "OperationTypeApply", now: new Date(Date.now() - 5 * 3600_000) });
    await page.goto(`/b/${backend.name}/w/${ws}/lock`);
    await expect(page.getByTestId("lock-card").first()).toBeVisible();

    for (let n = await page.getByTestId("lock-card").count(); n > 0; n--) {
      await tabTo(page, "break-lock-button");
      await page.keyboard.press("Enter");
      // The form takes focus; Escape closes it and gives focus back to its button.
      await expect(page.getByTestId("confirm-lock-id")).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(page.getByTestId("break-lock-button").first()).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("confirm-lock-id")).toBeFocused();
      await page.keyboard.type(info.ID);
      await tabTo(page, "confirm-break-lock", 5);
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("lock-released-notice")).toBeFocused();
    }
    await expect(page.getByTestId("unlocked")).toBeVisible();
    const key = stateKey(backend.options, ws);
    const item = await ctx.ddb!.send(new GetItemCommand({ TableName: table, Key: { LockID: { S: lockIdFor(backend.options.bucket, key) } }, ConsistentRead: true }));
    expect(item.Item).toBeUndefined();
  });

  test("repair a digest: Tab, Enter, confirm; focus lands on the confirmation", async ({ page }) => {
    const ws = uniqueName("e2e-kbd-digest");
    const written = await writer.apply(ws, buildState({ seed: 82 }));
    await writer.corruptDigest(ws);
    await page.goto(`/b/${backend.name}/w/${ws}/lock`);
    await expect(page.getByTestId("digest-panel")).toHaveAttribute("data-digest-status", "mismatch");
    await tabTo(page, "repair-digest-button");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("repair-digest-form")).toBeFocused();
    await tabTo(page, "confirm-repair-digest", 10);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("digest-repaired-notice")).toBeFocused();
    await expect(page.getByTestId("digest-panel")).toHaveAttribute("data-digest-status", "match");
    const digest = await ctx.ddb!.send(new GetItemCommand({ TableName: table, Key: { LockID: { S: digestIdFor(backend.options.bucket, stateKey(backend.options, ws)) } }, ConsistentRead: true }));
    expect(digest.Item?.Digest?.S).toBe(createHash("md5").update(written.bytes).digest("hex"));
  });

  test("restore a version: Tab to it, Enter, type the name, Enter; focus lands on the confirmation", async ({ page }) => {
    const ws = uniqueName("e2e-kbd-restore");
    const lineage = crypto.randomUUID();
    for (let gen = 0; gen < 3; gen++) await writer.apply(ws, buildState({ seed: 83, generation: gen, lineage }));
    await page.goto(`/b/${backend.name}/w/${ws}/versions`);
    await expect(page.getByTestId("version-row")).toHaveCount(3);
    await tabTo(page, "restore-version-button", 120);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("restore-form")).toBeVisible();
    await tabTo(page, "confirm-workspace-name", 60);
    await page.keyboard.type(ws);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("restored-notice")).toBeFocused();
    await expect(page.getByTestId("version-row")).toHaveCount(4);
  });
});

test.describe("theme", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("follows the system setting until the toggle picks one, which survives a reload, without a flash", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("viewer"), colorScheme: "dark" });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    // What <html> carries when the document has been parsed, before any framework script ran at load.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        (window as unknown as { themeAtParse: string }).themeAtParse = document.documentElement.className;
      });
    });
    await page.goto("/");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    const bodyDark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    await page.getByTestId("theme-light").click();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await expect(page.getByTestId("theme-light")).toHaveAttribute("aria-pressed", "true");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(bodyDark);

    // The choice is kept in this browser, and applied by the inline script before the first paint.
    await page.reload();
    await expect(page.getByTestId("theme-light")).toHaveAttribute("aria-pressed", "true");
    expect(await page.evaluate(() => (window as unknown as { themeAtParse: string }).themeAtParse)).not.toMatch(/\bdark\b/);
    await page.getByTestId("theme-dark").click();
    await page.emulateMedia({ colorScheme: "light" });
    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { themeAtParse: string }).themeAtParse)).toMatch(/\bdark\b/);

    // Back to the system setting: the page follows it again, live.
    await page.getByTestId("theme-system").click();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    expect(violations).toEqual([]);
    await context.close();
  });

  test("the theme script carries the nonce of the page's Content-Security-Policy", async ({ page }) => {
    const res = await page.request.get("/");
    const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    const html = await res.text();
    // next-themes' inline script reads the stored choice ("theme" in localStorage).
    const scripts = [...html.matchAll(/<script([^>]*)>([^<]*localStorage[^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s[1]).toContain(`nonce="${nonce}"`);
  });
});
