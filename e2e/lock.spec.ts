import { createHash } from "node:crypto";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { expect, test } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { digestIdFor, lockIdFor, lockKeyFor, stateKey } from "@/lib/backend/keys";
import { estateBackends } from "@/testkit/estate";
import { uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { storageStateFor } from "./support/helpers";

// data-teams has both lock kinds (DynamoDB table + use_lockfile). Each test uses its own
// workspace, so the demo estate's locks stay as other specs expect them.
const backend = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "data-teams")!;
const ctx = openBackend({ name: backend.name, options: backend.options, source: "e2e" });
const writer = new ToolWriter(ctx);
const { bucket } = backend.options;

async function crashedRun(ws: string) {
  await writer.apply(ws, buildState({ seed: 61 }));
  return writer.lock(ws, { who: "crashed-ci@runner-9", operation: "OperationTypeApply", now: new Date(Date.now() - 5 * 3600_000) });
}

async function locksLeft(ws: string) {
  const key = stateKey(backend.options, ws);
  const item = await ctx.ddb!.send(new GetItemCommand({ TableName: backend.options.dynamodb_table!, Key: { LockID: { S: lockIdFor(bucket, key) } }, ConsistentRead: true }));
  const file = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: lockKeyFor(key) })).then(
    () => true,
    () => false,
  );
  return { dynamodb: item.Item !== undefined, s3: file };
}

test.describe("Lock tab as operator", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("shows both locks of a crashed run and breaks each after the ID is typed", async ({ page }) => {
    const ws = uniqueName("e2e-lock");
    const info = await crashedRun(ws);
    await page.goto(`/b/${backend.name}/w/${ws}/lock`);

    const cards = page.getByTestId("lock-card");
    await expect(cards).toHaveCount(2);
    for (const kind of ["dynamodb", "s3"]) {
      const card = page.locator(`[data-testid="lock-card"][data-lock-kind="${kind}"]`);
      await expect(card).toContainText(info.ID);
      await expect(card).toContainText("crashed-ci@runner-9");
      // The operation in words, and the age as a severity (this run crashed hours ago, not minutes).
      await expect(card.getByTestId("lock-operation")).toHaveText("apply");
      await expect(card.getByTestId("lock-severity")).not.toHaveAttribute("data-severity", "fresh");
    }

    for (const kind of ["dynamodb", "s3"]) {
      const card = page.locator(`[data-testid="lock-card"][data-lock-kind="${kind}"]`);
      await card.getByTestId("break-lock-button").click();
      const confirm = card.getByTestId("confirm-break-lock");
      await expect(confirm).toBeDisabled();
      await card.getByTestId("confirm-lock-id").fill("not-the-id");
      await expect(confirm).toBeDisabled();
      // Proportional confirmation: pick the ID shown instead of retyping the UUID.
      await card.getByTestId("use-lock-id").click();
      await expect(card.getByTestId("confirm-lock-id")).toHaveValue(info.ID);
      await confirm.click();
      await expect(card).toHaveCount(0);
      // A confirmation stays on screen, focused and announced, instead of focus dropping to <body>.
      const notice = page.getByTestId("lock-released-notice");
      await expect(notice).toBeFocused();
      await expect(notice).toHaveAttribute("role", "status");
    }
    await expect(page.getByTestId("unlocked")).toBeVisible();
    expect(await locksLeft(ws)).toEqual({ dynamodb: false, s3: false });
  });

  test("refuses to break a lock that changed meanwhile and says what to do", async ({ page }) => {
    const ws = uniqueName("e2e-lockchg");
    const first = await crashedRun(ws);
    await page.goto(`/b/${backend.name}/w/${ws}/lock`);
    const card = page.locator('[data-testid="lock-card"][data-lock-kind="dynamodb"]');
    await card.getByTestId("break-lock-button").click();
    await card.getByTestId("use-lock-id").click();

    // Another run takes over between the page load and the confirmation.
    await writer.unlock(ws, first);
    const second = await writer.lock(ws, { who: "new-run@runner-3" });
    await card.getByTestId("confirm-break-lock").click();

    const error = card.getByTestId("error-state");
    await expect(error).toHaveAttribute("data-error-code", "LOCK_CHANGED");
    await expect(error).toContainText("Reload the lock view");
    expect(await locksLeft(ws)).toEqual({ dynamodb: true, s3: true });
    await writer.unlock(ws, second);
  });
});

test.describe("Lock tab as viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("shows the lock but offers no way to break it", async ({ page }) => {
    const ws = uniqueName("e2e-lockview");
    const info = await crashedRun(ws);
    await page.goto(`/b/${backend.name}/w/${ws}/lock`);
    await expect(page.getByTestId("lock-card")).toHaveCount(2);
    await expect(page.getByTestId("lock-card").first()).toContainText(info.ID);
    await expect(page.getByTestId("break-lock-button")).toHaveCount(0);
    await writer.unlock(ws, info);
  });
});

test.describe("Digest repair as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("shows both digests, repairs the stored one to the current object's MD5", async ({ page }) => {
    const ws = uniqueName("e2e-digest");
    const written = await writer.apply(ws, buildState({ seed: 62 }));
    await writer.corruptDigest(ws);
    await page.goto(`/b/${backend.name}/w/${ws}/lock`);
    const panel = page.getByTestId("digest-panel");
    await expect(panel).toHaveAttribute("data-digest-status", "mismatch");
    await panel.getByTestId("repair-digest-button").click();
    const md5 = createHash("md5").update(written.bytes).digest("hex");
    await expect(panel.getByTestId("repair-actual-digest")).toHaveText(md5);
    await panel.getByTestId("confirm-repair-digest").click();
    await expect(page.getByTestId("digest-panel")).toHaveAttribute("data-digest-status", "match");
    await expect(page.getByTestId("digest-repaired-notice")).toBeFocused();
    const item = await ctx.ddb!.send(
      new GetItemCommand({ TableName: backend.options.dynamodb_table!, Key: { LockID: { S: digestIdFor(bucket, stateKey(backend.options, ws)) } }, ConsistentRead: true }),
    );
    expect(item.Item?.Digest?.S).toBe(md5);
  });
});
