import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { expect, test } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { countsPhrase, stateCounts } from "@/lib/browser-safe/counts";
import { estateBackends } from "@/testkit/estate";
import { writeBigState } from "@/testkit/big-state";
import { uniqueName } from "@/testkit/moto";
import { currentState } from "./support/estate-truth";
import { storageStateFor } from "./support/helpers";

const STATE = "/b/prod-network/w/default/state";

test.describe("Resources and instances are named alike everywhere (issue 12, item 5)", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("the workspaces table counts instances under that name, and the State tab says resources and instances with the same numbers", async ({ page }) => {
    const counts = stateCounts(await currentState("prod-network", "default"));
    // The demo state has several instances per resource: the two numbers differ, so a mix-up shows.
    expect(counts.instances).toBeGreaterThan(counts.resources);

    await page.goto("/b/prod-network");
    const headers = page.getByRole("columnheader");
    const names = (await headers.allInnerTexts()).map((t) => t.replace(/[▲▼↕]/g, "").trim().toLowerCase());
    expect(names).not.toContain("resources");
    const col = names.indexOf("instances");
    expect(col).toBeGreaterThan(0);
    const cell = page.locator('[data-testid="workspace-row"][data-workspace="default"]').getByRole("cell").nth(col);
    await expect(cell).toHaveText(String(counts.instances));

    await page.goto(STATE);
    await expect(page.getByTestId("resource-count")).toHaveText(countsPhrase(counts));
    await expect(page.getByTestId("resource-count")).toContainText(`${counts.instances} instances`);
  });
});

test.describe("Reading the State tab", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("modules fold and unfold, and the folded view lives in the URL", async ({ page }) => {
    await page.goto(STATE);
    const app = page.locator('[data-testid="module-group"][data-module="module.app"]');
    await expect(app).toHaveAttribute("data-collapsed", "false");
    await expect(page.locator('[data-testid="resource-row"][data-address^="module.app.aws_instance.web"]').first()).toBeVisible();
    await app.getByTestId("module-toggle").click();
    await expect(page).toHaveURL(/collapse=module\.app/);
    await expect(app).toHaveAttribute("data-collapsed", "true");
    await expect(app.getByTestId("module-toggle")).toHaveAttribute("aria-expanded", "false");
    await expect(page.locator('[data-testid="resource-row"][data-address^="module.app.aws_instance.web"]')).toHaveCount(0);
    // Other modules are still listed.
    await expect(page.locator('[data-testid="module-group"][data-module=""]')).toBeVisible();

    await page.reload();
    await expect(page.locator('[data-testid="module-group"][data-module="module.app"]')).toHaveAttribute("data-collapsed", "true");
    await page.locator('[data-testid="module-group"][data-module="module.app"]').getByTestId("module-toggle").click();
    await expect(page).not.toHaveURL(/collapse=/);
    await expect(page.locator('[data-testid="resource-row"][data-address^="module.app.aws_instance.web"]').first()).toBeVisible();
  });

  test("attributes read as a table with nested values expandable, raw JSON one click away, expanded rows in the URL", async ({ page }) => {
    const truth = await currentState("prod-network", "default");
    const web = truth.resources.find((r) => r.address === "module.app.aws_instance.web")!.instances[0]!;
    const attrs = web.attributes as { id: string; tags: Record<string, string> };
    await page.goto(STATE);
    const row = page.locator(`[data-testid="instance-row"][data-address="${web.address}"]`);
    await row.getByTestId("instance-details").locator("summary").click();
    await expect(page).toHaveURL(new RegExp(`open=${encodeURIComponent(web.address).replace(/[.[\]]/g, "\\$&")}`));
    const table = row.getByTestId("attribute-table");
    await expect(table.locator('[data-testid="attribute-row"][data-key="id"]')).toContainText(attrs.id);
    // Nested objects are folded: their size first, their keys one click away.
    const tags = table.locator('[data-testid="attribute-nested"][data-path="tags"]');
    await expect(tags.locator("summary")).toHaveText(`{${Object.keys(attrs.tags).length} keys}`);
    await tags.locator("summary").click();
    await expect(table.locator('[data-testid="attribute-row"][data-key="tags.Name"]')).toContainText(attrs.tags.Name!);
    await row.getByTestId("attributes-as-json").click();
    await expect(row.getByTestId("instance-attributes")).toContainText(`"id": "${attrs.id}"`);

    // Reloaded, the same row opens by itself.
    await page.reload();
    await expect(page.locator(`[data-testid="instance-row"][data-address="${web.address}"]`).getByTestId("attribute-table")).toBeVisible();
  });

  test("dependencies are links to those resources", async ({ page }) => {
    const truth = await currentState("prod-network", "default");
    const resource = truth.resources.find((r) => r.instances.some((i) => (i.dependencies?.length ?? 0) > 0 && !i.deposed))!;
    const withDeps = resource.instances.find((i) => (i.dependencies?.length ?? 0) > 0 && !i.deposed)!;
    const dep = withDeps.dependencies![0]!;
    await page.goto(`${STATE}?q=${encodeURIComponent(resource.address)}&open=${encodeURIComponent(withDeps.address)}`);
    const row = page.locator(`[data-address="${withDeps.address}"]`).first();
    const link = row.getByTestId("dependency-link").filter({ hasText: dep }).first();
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(dep).replace(/[.[\]]/g, "\\$&")}`));
    await expect(page.locator(`[data-testid="resource-row"][data-address="${dep}"]`)).toBeVisible();
  });

  test("addresses have copy buttons", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(STATE);
    const row = page.locator('[data-testid="resource-row"][data-address="random_password.api_key"]');
    await row.getByTestId("copy-address").first().click();
    await expect(row.getByTestId("copy-address").first()).toHaveAttribute("data-copy-state", "copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("random_password.api_key");
  });
});

test.describe("A state of a million resources (issue 13, item 3)", () => {
  test.use({ storageState: storageStateFor("viewer") });

  // Rows further down coming from the server as the list scrolls: state.spec.ts ("lists thousands of instances").
  test("the State page sends what is on screen, not the state", async ({ page }) => {
    test.setTimeout(600_000);
    const platform = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "platform")!;
    const ctx = openBackend({ name: platform.name, options: platform.options, source: "e2e" });
    const ws = uniqueName("e2e-million");
    const dir = await mkdtemp(path.join(tmpdir(), "statehouse-million-"));
    const file = path.join(dir, "million.tfstate");
    const n = 1_000_000;
    try {
      const size = await writeBigState(file, n, { compact: true });
      await ctx.s3.send(new PutObjectCommand({ Bucket: platform.options.bucket, Key: stateKey(platform.options, ws), Body: createReadStream(file), ContentLength: size }));

      const res = await page.request.get(`/b/platform/w/${ws}/state`, { timeout: 480_000 });
      expect(res.status()).toBe(200);
      const html = await res.text();
      // The first resources are there (module.m0 sorts first: r0, r100, r200…), the last ones are not.
      expect(html).toContain("module.m0.null_resource.r0");
      expect(html).toContain("module.m0.null_resource.r100");
      expect(html).not.toContain(`module.m99.null_resource.r${n - 1}`);
      expect(html).toContain("1,000,000 resources, 1,000,000 instances");
      // A few hundred rows of HTML and their data, not 162 MB.
      expect(html.length, `the page sent ${html.length} bytes`).toBeLessThan(1_000_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
