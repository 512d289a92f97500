import { expect, test } from "@playwright/test";
import { GetBucketVersioningCommand } from "@aws-sdk/client-s3";
import { rawClients } from "@/testkit/moto";
import { storageStateFor } from "./support/helpers";

/**
 * The demo's legacy-tools backend has neither bucket versioning nor a lock: the dashboard must say
 * that recovery is impossible there and that nothing stops two runs writing at once.
 */
test.describe("a backend without versioning or locking", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("is flagged on the Backends page and on its Versions tab", async ({ page }) => {
    const { s3 } = rawClients(process.env.MOTO_ENDPOINT!);
    const v = await s3.send(new GetBucketVersioningCommand({ Bucket: "acme-legacy-tools" }));
    expect(v.Status ?? "Disabled").toBe("Disabled");

    await page.goto("/");
    const card = page.locator('[data-testid="backend-card"][data-backend="legacy-tools"]');
    await expect(card.getByTestId("versioning")).toHaveAttribute("data-versioning", "Disabled");
    const warnings = card.getByTestId("backend-warning");
    await expect(warnings).toHaveCount(2);
    await expect(warnings.filter({ hasText: /versioning/i })).toContainText(/cannot|impossible/i);
    await expect(warnings.filter({ hasText: /lock/i })).toHaveCount(1);

    await page.goto("/b/legacy-tools/w/default/versions");
    const banner = page.getByTestId("versioning-banner");
    await expect(banner).toHaveAttribute("data-versioning", "Disabled");
    await expect(banner).toContainText("prior versions cannot be recovered");
    // The fix names the real bucket, ready to paste.
    await expect(banner.getByTestId("versioning-fix")).toHaveText("aws s3api put-bucket-versioning --bucket acme-legacy-tools --versioning-configuration Status=Enabled");
    // S3 calls an unversioned object's version "null": the table says what it means instead.
    await expect(page.getByTestId("version-id")).toHaveText("unversioned");
    await expect(page.getByTestId("version-row")).not.toContainText("null");
    // Only the current object exists, so there is nothing to restore.
    await expect(page.getByTestId("version-row")).toHaveCount(1);
    await expect(page.getByTestId("restore-version-button")).toHaveCount(0);
  });

  test("says so on an instance's History too, instead of a history of one", async ({ page }) => {
    await page.goto("/b/legacy-tools/w/default/state");
    const address = await page.getByTestId("resource-row").first().getAttribute("data-address");
    expect(address).toBeTruthy();
    await page.goto(`/b/legacy-tools/w/default/history?address=${encodeURIComponent(address!)}`);
    const banner = page.getByTestId("history-page").getByTestId("versioning-banner");
    await expect(banner).toHaveAttribute("data-versioning", "Disabled");
    await expect(banner.getByTestId("versioning-fix")).toContainText("--bucket acme-legacy-tools");
    // A versioned backend's History has no such banner.
    await page.goto("/b/prod-network/w/default/state");
    const versioned = await page.getByTestId("resource-row").first().getAttribute("data-address");
    await page.goto(`/b/prod-network/w/default/history?address=${encodeURIComponent(versioned!)}`);
    await expect(page.getByTestId("history-page")).toBeVisible();
    await expect(page.getByTestId("versioning-banner")).toHaveCount(0);
  });
});
