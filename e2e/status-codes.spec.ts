import { expect, test } from "@playwright/test";
import { uniqueName } from "@/testkit/moto";
import { demoBackend } from "./support/estate";
import { httpClient } from "./support/server-actions";
import { storageStateFor } from "./support/helpers";

/**
 * Addresses that name nothing answer with their HTTP status and say why: a workspace that never
 * existed (404, with the closest name), an unknown backend or path (404), a refused page (403),
 * a malformed escape (400); what exists in history (a deleted workspace) still renders.
 */

const TABS = ["state", "outputs", "versions", "diff", "lock"] as const;

test.describe("as viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("a workspace that never existed is a 404 on every tab, says so and offers no workspace view", async ({ page }) => {
    const res = await page.goto("/b/prod-network/w/nope/state");
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId("problem-page")).toContainText('Workspace "nope" does not exist');
    // The tab says what went wrong, not the name of a workspace that is not there.
    await expect(page).toHaveTitle('Workspace "nope" does not exist · Statehouse');
    await expect(page.getByTestId("error-state")).toHaveAttribute("data-error-code", "NOT_FOUND");
    await expect(page.getByTestId("error-state")).toContainText("no state, no version history and no lock");
    // Nothing pretends it is a real, empty, unlocked workspace.
    await expect(page.getByTestId("workspace-title")).toHaveCount(0);
    await expect(page.getByTestId("lock-badge")).toHaveCount(0);
    await expect(page.getByTestId("suggested-workspace")).toHaveCount(0);
    // The dashboard's navigation is still there.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.getByTestId("all-workspaces").click();
    await expect(page).toHaveURL(/\/b\/prod-network$/);

    const client = await httpClient("viewer");
    for (const path of ["", ...TABS.map((t) => `/${t}`), "/versions/restore?version=x"]) {
      expect((await client.get(`/b/prod-network/w/nope${path}`)).status(), path).toBe(404);
    }
  });

  test("a misspelt workspace offers the closest name, which opens it", async ({ page }) => {
    const res = await page.goto("/b/prod-network/w/stagin/outputs");
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId("error-state")).toContainText('There is no workspace "stagin" in prod-network');
    await expect(page.getByTestId("suggested-workspace")).toHaveText("Open staging");
    await page.getByTestId("suggested-workspace").click();
    await expect(page).toHaveURL(/\/b\/prod-network\/w\/staging\/state$/);
    await expect(page.getByTestId("workspace-title")).toHaveText("staging");
  });

  test("what exists in history or by terraform's rules still renders: deleted, default without state, held lock", async ({ page }) => {
    expect((await page.goto("/b/prod-network/w/sandbox/state"))?.status()).toBe(200);
    await expect(page.getByTestId("deleted-badge")).toBeVisible();
    expect((await page.goto("/b/data-teams/w/default/state"))?.status()).toBe(200);
    await expect(page.getByTestId("no-state")).toBeVisible();

    // A run that creates a workspace takes the lock before it writes the first state.
    const net = demoBackend("prod-network");
    const ws = uniqueName("e2e-lockonly");
    const info = await net.writer.lock(ws, { who: "ci@creating", operation: "OperationTypeApply" });
    try {
      expect((await page.goto(`/b/prod-network/w/${ws}/lock`))?.status()).toBe(200);
      await expect(page.getByTestId("workspace-title")).toHaveText(ws);
      await expect(page.getByTestId("lock-badge")).toHaveAttribute("data-lock-who", "ci@creating");
    } finally {
      await net.writer.unlock(ws, info);
    }
  });

  test("an unknown backend is a 404 naming the known ones", async ({ page }) => {
    const res = await page.goto("/b/prod-netwrk");
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId("error-state")).toContainText('did you mean "prod-network"?');
    const client = await httpClient("viewer");
    expect((await client.get("/b/prod-netwrk/w/default/state")).status()).toBe(404);
  });

  test("an unknown path gets the app's own 404 page with its navigation", async ({ page }) => {
    for (const path of ["/no/such/page", "/b/prod-network/w", "/b/prod-network/w/default/nosuchtab"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByTestId("problem-page")).toContainText("Page not found");
      await expect(page).toHaveTitle("Page not found · Statehouse");
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    }
    await page.getByTestId("home-link").click();
    await expect(page.getByRole("heading", { name: "Backends" })).toBeVisible();
  });

  test("the audit trail is a 403 for a viewer, saying which role it takes", async ({ page }) => {
    const res = await page.goto("/audit");
    expect(res?.status()).toBe(403);
    await expect(page.getByTestId("error-state")).toHaveAttribute("data-error-code", "FORBIDDEN");
    await expect(page).toHaveTitle(/ · Statehouse$/);
    expect(await page.title()).not.toBe("Audit trail · Statehouse");
  });

  test("a malformed workspace name is a 400 (bad escape) or 404 (not a name) page on every tab, never a 500", async () => {
    const client = await httpClient("viewer");
    for (const path of ["", ...TABS.map((t) => `/${t}`)]) {
      const bad = await client.get(`/b/prod-network/w/%ff%fe${path}`);
      expect(bad.status(), path).toBe(400);
      expect(bad.headers()["content-type"]).toContain("text/html");
      expect(await bad.text()).toContain("Bad address");
    }
    const unnamed = await client.get("/b/prod-network/w/a%20b/state");
    expect(unnamed.status()).toBe(404);
    expect(await unnamed.text()).toContain("is not allowed");
  });
});

test.describe("as operator", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("the restore view is a 403", async ({ page }) => {
    const res = await page.goto("/b/prod-network/w/default/versions/restore?version=x");
    expect(res?.status()).toBe(403);
    await expect(page.getByTestId("error-state")).toHaveAttribute("data-error-code", "FORBIDDEN");
  });
});

test.describe("without a session", () => {
  test("the icon and robots.txt are served", async () => {
    const client = await httpClient(null);
    const icon = await client.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    // An ICO file: reserved 0, type 1 (icon), at least one image.
    const bytes = await icon.body();
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);

    const robots = await client.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(robots.headers()["content-type"]).toMatch(/^text\/plain/);
    expect((await robots.text()).split("\n")).toEqual(expect.arrayContaining(["User-agent: *", "Disallow: /"]));
  });
});
