import { expect, test } from "@playwright/test";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { openBackend } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { estateBackends } from "@/testkit/estate";
import { storageStateFor } from "./support/helpers";

// Issue 12, item 2: restoring a locked workspace (the demo's platform/qa, held by bob@workstation for a plan).
const platform = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "platform")!;
const ctx = openBackend({ name: platform.name, options: platform.options, source: "e2e" });

async function currentVersionId(ws: string): Promise<string> {
  const obj = await ctx.s3.send(new GetObjectCommand({ Bucket: platform.options.bucket, Key: stateKey(platform.options, ws) }));
  await obj.Body!.transformToByteArray();
  return obj.VersionId!;
}

test.describe("Restore of a locked workspace", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("warns before that platform/qa is locked, by whom, for what and since when, and keeps the button disabled with the reason", async ({ page }) => {
    const before = await currentVersionId("qa");
    await page.goto(`/b/platform/w/qa/versions`);
    // The second row: an older version, restorable.
    const older = page.locator('[data-testid="version-row"]').nth(1);
    await older.getByTestId("restore-version-button").click();
    await expect(page.getByTestId("restore-view")).toBeVisible();

    const warning = page.getByTestId("restore-locked-warning");
    await expect(warning).toBeVisible();
    await expect(warning).toContainText("locked");
    const holder = warning.getByTestId("lock-holder").first();
    await expect(holder).toContainText("bob@workstation");
    // The operation in words, not OperationTypePlan, and an age.
    await expect(holder).toHaveAttribute("data-operation", "plan");
    await expect(holder).not.toContainText("OperationType");
    await expect(holder.locator("time")).toHaveText(/ago/);
    // The warning comes before the form: the admin reads it before confirming.
    const warnBox = (await warning.boundingBox())!;
    const formBox = (await page.getByTestId("restore-form").boundingBox())!;
    expect(warnBox.y).toBeLessThan(formBox.y);

    await page.getByTestId("confirm-workspace-name").fill("qa");
    const confirm = page.getByTestId("confirm-restore");
    await expect(confirm).toBeDisabled();
    await expect(confirm).toHaveAttribute("aria-describedby", "restore-disabled-reason");
    await expect(page.getByTestId("restore-disabled-reason")).toContainText("bob@workstation");
    expect(await currentVersionId("qa")).toBe(before);
  });
});
