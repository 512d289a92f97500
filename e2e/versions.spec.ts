import { ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { expect, test } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { estateBackends } from "@/testkit/estate";
import { uniqueName } from "@/testkit/moto";
import { buildState, lineageFor } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { storageStateFor } from "./support/helpers";

const backend = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "platform")!;
const ctx = openBackend({ name: backend.name, options: backend.options, source: "e2e" });
const writer = new ToolWriter(ctx, "tofu");

async function history(ws: string, seed: number, generations: number) {
  const written = [];
  for (let gen = 0; gen < generations; gen++) written.push(await writer.apply(ws, buildState({ seed, generation: gen, lineage: lineageFor(seed), terraformVersion: "1.9.1" })));
  return written;
}

async function s3Versions(ws: string) {
  const key = stateKey(backend.options, ws);
  const res = await ctx.s3.send(new ListObjectVersionsCommand({ Bucket: backend.options.bucket, Prefix: key }));
  const all = [...(res.Versions ?? []).map((v) => ({ id: v.VersionId!, key: v.Key, at: v.LastModified!, marker: false })), ...(res.DeleteMarkers ?? []).map((m) => ({ id: m.VersionId!, key: m.Key, at: m.LastModified!, marker: true }))];
  return all.filter((v) => v.key === key);
}

test.describe("Versions tab as viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("lists every S3 version newest first with serials and changes, and links two of them to the diff", async ({ page }) => {
    const ws = uniqueName("e2e-versions");
    const written = await history(ws, 81, 4);
    await page.goto(`/b/${backend.name}/w/${ws}/versions`);

    const rows = page.getByTestId("version-row");
    await expect(rows).toHaveCount(4);
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-version-id")));
    expect(ids).toEqual(written.map((w) => w.versionId).reverse());
    expect(new Set(ids)).toEqual(new Set((await s3Versions(ws)).map((v) => v.id)));
    await expect(rows.first().getByTestId("version-serial")).toHaveText("4");
    await expect(rows.last().getByTestId("version-serial")).toHaveText("1");
    await expect(rows.first().getByTestId("version-changes")).toBeVisible();
    await expect(page.getByTestId("version-chart")).toBeVisible();
    await expect(page.getByTestId("restore-version-button")).toHaveCount(0);

    await rows.nth(3).getByTestId("version-select").check();
    await rows.nth(1).getByTestId("version-select").check();
    await page.getByTestId("compare-selected").click();
    await expect(page).toHaveURL(new RegExp(`/diff\\?from=${written[0]!.versionId}&to=${written[2]!.versionId}$`));
    await expect(page.getByTestId("diff-tab")).toHaveAttribute("data-from", written[0]!.versionId);
    await expect(page.getByTestId("diff-serial")).toHaveText("1 → 3");
  });

  test("shows a deleted workspace's delete marker and its banner", async ({ page }) => {
    const ws = uniqueName("e2e-delmark");
    await history(ws, 82, 2);
    await writer.deleteWorkspace(ws);
    await page.goto(`/b/${backend.name}/w/${ws}/versions`);
    await expect(page.getByTestId("deleted-banner")).toBeVisible();
    await expect(page.getByTestId("recover-workspace-button")).toHaveCount(0);
    const first = page.getByTestId("version-row").first();
    await expect(first).toHaveAttribute("data-delete-marker", "true");
    await expect(first.getByTestId("delete-marker")).toBeVisible();
    const marker = (await s3Versions(ws)).find((v) => v.marker)!;
    await expect(first).toHaveAttribute("data-version-id", marker.id);
  });

  test("loads long histories page by page", async ({ page }) => {
    const ws = uniqueName("e2e-longhist");
    await history(ws, 83, 26);
    await page.goto(`/b/${backend.name}/w/${ws}/versions`);
    const rows = page.getByTestId("version-row");
    await expect(rows.first().getByTestId("version-serial")).toHaveText("26");
    // More than one page: the older ones are read when they come into view in the list.
    await expect(async () => {
      await page.locator("[data-scroll-list]").evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect(rows.last().getByTestId("version-serial")).toHaveText("1", { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  });

  test("keeps only the rows in view in the DOM for a history of hundreds of versions", async ({ page }) => {
    const ws = uniqueName("e2e-virtual");
    const total = 300;
    const ids: string[] = [];
    // Small bodies written one after the other (moto loses versions of one key written in parallel).
    for (let serial = 1; serial <= total; serial++) {
      const body = `{"version":4,"terraform_version":"1.9.1","serial":${serial},"lineage":"e2e-virtual","outputs":{},"resources":[],"check_results":null}\n`;
      ids.push((await writer.putState(ws, body)).versionId);
    }
    await page.goto(`/b/${backend.name}/w/${ws}/versions`);
    const rows = page.getByTestId("version-row");
    await expect(rows.first()).toHaveAttribute("data-version-id", ids[total - 1]!);
    await expect(rows.first().getByTestId("version-serial")).toHaveText(String(total));
    expect(await rows.count()).toBeLessThan(total / 4);
    await expect(page.getByTestId("version-table")).toHaveAttribute("aria-rowcount", String(total + 1));

    // The oldest version is reachable by scrolling, and its summary is read when it comes into view.
    const oldest = page.locator(`[data-testid="version-row"][data-version-id="${ids[0]}"]`);
    await expect(async () => {
      await page.locator("[data-scroll-list]").evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect(oldest.getByTestId("version-serial")).toHaveText("1", { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    expect(await rows.count()).toBeLessThan(total / 4);
    await expect(page.locator(`[data-testid="version-row"][data-version-id="${ids[total - 1]}"]`)).toHaveCount(0);
  });
});
