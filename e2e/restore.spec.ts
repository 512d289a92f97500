import { createHash } from "node:crypto";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { expect, test, type Page } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { digestIdFor, stateKey } from "@/lib/backend/keys";
import { withSerial } from "@/lib/state/serial";
import { estateBackends } from "@/testkit/estate";
import { uniqueName } from "@/testkit/moto";
import { buildState, lineageFor } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { storageStateFor } from "./support/helpers";

// prod-network: DynamoDB locking and digests. Each test writes its own workspace's history.
const backend = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "prod-network")!;
const ctx = openBackend({ name: backend.name, options: backend.options, source: "e2e" });
const writer = new ToolWriter(ctx);
const { bucket } = backend.options;

async function history(ws: string, seed: number, generations: number, lineage = lineageFor(seed)) {
  const written = [];
  for (let gen = 0; gen < generations; gen++) written.push(await writer.apply(ws, buildState({ seed, generation: gen, lineage })));
  return written;
}

async function current(ws: string) {
  const key = stateKey(backend.options, ws);
  const obj = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await obj.Body!.transformToByteArray();
  const digest = await ctx.ddb!.send(new GetItemCommand({ TableName: backend.options.dynamodb_table!, Key: { LockID: { S: digestIdFor(bucket, key) } }, ConsistentRead: true }));
  return { bytes, versionId: obj.VersionId!, metadata: obj.Metadata ?? {}, digest: digest.Item?.Digest?.S };
}

function versionsPage(page: Page, ws: string) {
  return page.goto(`/b/${backend.name}/w/${ws}/versions`);
}

test.describe("Restore as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("shows the diff to the chosen version, restores it and marks the new current version", async ({ page }) => {
    const ws = uniqueName("e2e-restore");
    const [v1] = await history(ws, 71, 3);
    await versionsPage(page, ws);
    await page.locator(`[data-testid="version-row"][data-version-id="${v1!.versionId}"]`).getByTestId("restore-version-button").click();

    await expect(page.getByTestId("restore-view")).toBeVisible();
    await expect(page.getByTestId("diff-summary")).toBeVisible();
    await expect(page.getByTestId("diff-serial")).toHaveText("3 → 4");
    await expect(page.getByTestId("restore-serial")).toHaveText("Serial 3 → 4 (restored content of serial 1)");
    await expect(page.getByTestId("confirm-lineage-change")).toHaveCount(0);
    // Proportional confirmation: the restore stays disabled until the workspace name is typed.
    await expect(page.getByTestId("confirm-restore")).toBeDisabled();
    await page.getByTestId("confirm-workspace-name").fill("not-" + ws);
    await expect(page.getByTestId("confirm-restore")).toBeDisabled();
    await page.getByTestId("confirm-workspace-name").fill(ws);
    await page.getByTestId("confirm-restore").click();

    await expect(page.getByTestId("restored-notice")).toBeVisible();
    const now = await current(ws);
    const newest = page.locator('[data-testid="version-row"]').first();
    await expect(newest).toHaveAttribute("data-version-id", now.versionId);
    await expect(newest.getByTestId("restored-from")).toHaveAttribute("data-restored-from", v1!.versionId);
    await expect(newest.getByTestId("version-serial")).toHaveText("4");

    // What S3 and DynamoDB hold: the chosen bytes with only the serial bumped, and a matching digest.
    expect(Buffer.from(now.bytes).equals(Buffer.from(withSerial(v1!.bytes, 4n)))).toBe(true);
    expect(now.digest).toBe(createHash("md5").update(now.bytes).digest("hex"));
    expect(now.metadata["statehouse-restored-from"]).toBe(v1!.versionId);
  });

  test("asks for an explicit confirmation when the lineage differs", async ({ page }) => {
    const ws = uniqueName("e2e-lineage");
    const [old] = await history(ws, 72, 1, lineageFor(720));
    await history(ws, 73, 1, lineageFor(730));
    await page.goto(`/b/${backend.name}/w/${ws}/versions/restore?version=${old!.versionId}`);
    await expect(page.getByTestId("diff-lineage")).toHaveAttribute("data-changed", "true");
    const confirm = page.getByTestId("confirm-restore");
    await expect(confirm).toBeDisabled();
    await page.getByTestId("confirm-workspace-name").fill(ws);
    await expect(confirm).toBeDisabled();
    await page.getByTestId("confirm-lineage-change").check();
    await confirm.click();
    await expect(page.getByTestId("restored-notice")).toBeVisible();
    expect((await current(ws)).metadata["statehouse-restored-from"]).toBe(old!.versionId);
  });

  test("says who holds the lock when the state is locked, and writes nothing", async ({ page }) => {
    const ws = uniqueName("e2e-restlock");
    const [v1, v2] = await history(ws, 74, 2);
    await page.goto(`/b/${backend.name}/w/${ws}/versions/restore?version=${v1!.versionId}`);
    await expect(page.getByTestId("restore-form")).toBeVisible();
    // Locked after the preview was read (a locked preview disables the button: restore-locked.spec.ts).
    const lock = await writer.lock(ws, { who: "deploy-bot@ci-12", operation: "OperationTypeApply" });
    await page.getByTestId("confirm-workspace-name").fill(ws);
    await page.getByTestId("confirm-restore").click();
    await expect(page.getByTestId("error-state")).toHaveAttribute("data-error-code", "LOCKED");
    await expect(page.getByTestId("restore-lock-holders")).toContainText("deploy-bot@ci-12");
    // The error is where the user is looking: focused and announced.
    await expect(page.getByTestId("restore-error")).toBeFocused();
    await expect(page.getByTestId("restore-error")).toBeInViewport();
    await expect(page.getByTestId("restore-error")).toHaveAttribute("role", "alert");
    expect((await current(ws)).versionId).toBe(v2!.versionId);
    await writer.unlock(ws, lock);
  });

  test("tells the admin to reload when someone wrote meanwhile", async ({ page }) => {
    const ws = uniqueName("e2e-restrace");
    const [v1] = await history(ws, 75, 2);
    await page.goto(`/b/${backend.name}/w/${ws}/versions/restore?version=${v1!.versionId}`);
    await expect(page.getByTestId("restore-form")).toBeVisible();
    const [v3] = await history(ws, 75, 1);
    await page.getByTestId("confirm-workspace-name").fill(ws);
    await page.getByTestId("confirm-restore").click();
    await expect(page.getByTestId("error-state")).toHaveAttribute("data-error-code", "PRECONDITION_FAILED");
    await expect(page.getByTestId("restore-reload")).toBeVisible();
    expect((await current(ws)).versionId).toBe(v3!.versionId);
  });

  test("recovers a deleted workspace from the banner", async ({ page }) => {
    const ws = uniqueName("e2e-recover");
    const [, last] = await history(ws, 76, 2);
    await writer.deleteWorkspace(ws);
    await versionsPage(page, ws);
    await expect(page.getByTestId("deleted-banner")).toBeVisible();
    await page.getByTestId("recover-workspace-button").click();
    await expect(page.getByTestId("recover-summary")).toContainText("serial 2");
    await page.getByTestId("confirm-workspace-name").fill(ws);
    await page.getByTestId("confirm-restore").click();
    await expect(page.getByTestId("restored-notice")).toBeVisible();
    await expect(page.getByTestId("deleted-banner")).toHaveCount(0);
    // The header (a layout kept across navigations) is fresh too, without a reload.
    await expect(page.getByTestId("deleted-badge")).toHaveCount(0);
    const now = await current(ws);
    expect(now.metadata["statehouse-restored-from"]).toBe(last!.versionId);
    expect(Buffer.from(now.bytes).equals(Buffer.from(withSerial(last!.bytes, 3n)))).toBe(true);
    expect(now.digest).toBe(createHash("md5").update(now.bytes).digest("hex"));
  });
});

test.describe("Restore as operator", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("offers no restore control and refuses the confirmation view", async ({ page }) => {
    const ws = uniqueName("e2e-norestore");
    const [v1] = await history(ws, 77, 2);
    await versionsPage(page, ws);
    await expect(page.getByTestId("version-row")).toHaveCount(2);
    await expect(page.getByTestId("restore-version-button")).toHaveCount(0);
    await page.goto(`/b/${backend.name}/w/${ws}/versions/restore?version=${v1!.versionId}`);
    await expect(page.getByTestId("error-state")).toHaveAttribute("data-error-code", "FORBIDDEN");
  });
});
