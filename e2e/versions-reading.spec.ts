import { expect, test } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { restoreVersion } from "@/lib/backend/restore";
import { estateBackends } from "@/testkit/estate";
import { uniqueName } from "@/testkit/moto";
import { buildState, lineageFor } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { storageStateFor } from "./support/helpers";

/**
 * Reading the Versions tab: each version's absolute time in the reader's own time zone beside the
 * relative one, and its full version ID one click away (copied, not retyped from a shortened one).
 */
const backend = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "platform")!;
const ctx = openBackend({ name: backend.name, options: backend.options, source: "e2e" });
const writer = new ToolWriter(ctx, "tofu");

test.describe("Versions tab, read by a viewer in Tokyo", () => {
  test.use({ storageState: storageStateFor("viewer"), timezoneId: "Asia/Tokyo", locale: "en-US", permissions: ["clipboard-read", "clipboard-write"] });

  test("shows when each version was written in the reader's time zone, and copies the full version ID", async ({ page }) => {
    const ws = uniqueName("e2e-vtime");
    const written = [];
    for (let gen = 0; gen < 2; gen++) written.push(await writer.apply(ws, buildState({ seed: 91, generation: gen, lineage: lineageFor(91) })));
    await page.goto(`/b/${backend.name}/w/${ws}/versions`);
    const row = page.locator(`[data-testid="version-row"][data-version-id="${written[1]!.versionId}"]`);
    const local = row.getByTestId("version-local-time");
    await expect(local).toHaveAttribute("data-time-zone", "Asia/Tokyo");
    const iso = await local.getAttribute("datetime");
    // What the row says is the S3 time as a clock in Tokyo reads it.
    const expected = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo", year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(new Date(iso!));
    await expect(local).toHaveText(expected);
    await expect(local).toContainText("GMT+9");

    await row.getByTestId("copy-version-id").click();
    await expect(row.getByTestId("copy-version-id")).toHaveAttribute("data-copy-state", "copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(written[1]!.versionId);
  });

  test("the chart has a resource axis, version dates and a tooltip per version", async ({ page }) => {
    const ws = uniqueName("e2e-vchart");
    const written = [];
    for (let gen = 0; gen < 3; gen++) written.push(await writer.apply(ws, buildState({ seed: 92, generation: gen, lineage: lineageFor(92) })));
    await page.goto(`/b/${backend.name}/w/${ws}/versions`);
    const chart = page.getByTestId("version-chart");
    await expect(chart).toHaveAttribute("data-points", "3");
    await expect(chart.getByTestId("chart-y-tick")).toHaveCount(3);
    await expect(chart.getByTestId("chart-y-tick").first()).toContainText("0");
    await expect(chart.getByTestId("chart-x-tick")).toHaveCount(3);
    // Pointing at the right edge names the newest version; the arrow keys step back to the oldest.
    const plot = chart.getByTestId("version-chart-plot");
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    const tip = chart.getByTestId("chart-tooltip");
    await expect(tip).toHaveAttribute("data-version-id", written[2]!.versionId);
    await expect(tip).toContainText("serial 3");
    await page.mouse.move(0, 0);
    await plot.focus();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect(tip).toHaveAttribute("data-version-id", written[0]!.versionId);
  });

  test("a restored version's note is whole: which version it came from and who restored it", async ({ page }) => {
    const ws = uniqueName("e2e-vnote");
    const written = [];
    for (let gen = 0; gen < 2; gen++) written.push(await writer.apply(ws, buildState({ seed: 93, generation: gen, lineage: lineageFor(93) })));
    const who = "release-manager@example.com";
    await restoreVersion(ctx, { workspace: ws, versionId: written[0]!.versionId, who });
    await page.goto(`/b/${backend.name}/w/${ws}/versions`);
    const note = page.getByTestId("version-row").first().getByTestId("restored-from");
    await expect(note).toHaveAttribute("data-restored-from", written[0]!.versionId);
    await expect(note).toContainText(`by ${who}`);
    // Nothing of it is cut off: the note fits its box.
    const clipped = await note.evaluate((el) => {
      const cell = el.closest("td")!;
      const a = el.getBoundingClientRect();
      const c = cell.getBoundingClientRect();
      return a.right > c.right + 1 || a.bottom > c.bottom + 1 || a.top < c.top - 1;
    });
    expect(clipped).toBe(false);
  });
});

