import { createHash } from "node:crypto";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { expect, test } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { digestIdFor, lockIdFor, lockKeyFor, stateKey } from "@/lib/backend/keys";
import { estateBackends } from "@/testkit/estate";
import { uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { reloadUntilVisible, storageStateFor } from "./support/helpers";
import { secretsOf } from "./support/estate";
import { auditEventsFor } from "./support/audit-trail";

// Search, Locks and Problems pages. data-teams has both lock kinds; each test seeds its own
// workspace, so the demo estate stays as the other specs expect it.
const backend = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "data-teams")!;
const ctx = openBackend({ name: backend.name, options: backend.options, source: "e2e" });
const writer = new ToolWriter(ctx);
const { bucket } = backend.options;
const table = backend.options.dynamodb_table!;

async function ddbItem(id: string) {
  const r = await ctx.ddb!.send(new GetItemCommand({ TableName: table, Key: { LockID: { S: id } }, ConsistentRead: true }));
  return r.Item;
}

async function abandonedRun(ws: string, seed: number) {
  await writer.apply(ws, buildState({ seed }));
  return writer.lock(ws, { who: "crashed-ci@runner-4", operation: "OperationTypeApply", now: new Date(Date.now() - 30 * 3600_000) });
}

/** Neither kind of lock is left on the state key: no DynamoDB item, no `.tflock` object. */
async function expectNoLockLeft(key: string) {
  expect(await ddbItem(lockIdFor(bucket, key))).toBeUndefined();
  const tflock = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: lockKeyFor(key) })).then(
    () => true,
    () => false,
  );
  expect(tflock).toBe(false);
}

// The estate views are per-process snapshots (index, 15 s problems memo): each waits with reloadUntilVisible until the seeded case shows.
test.describe("as operator", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("searches from the header and reaches the instance on the State tab", async ({ page }) => {
    const ws = uniqueName("e2e-search");
    await writer.apply(ws, buildState({ seed: 71 }));
    await page.goto("/");
    await page.keyboard.press("/");
    await expect(page.getByTestId("header-search")).toBeFocused();
    await page.keyboard.type(`postgres workspace:${ws}`);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=/);
    const hit = `[data-testid="search-hit"][data-workspace="${ws}"]`;
    await reloadUntilVisible(page, page.url(), hit);
    const row = page.locator(hit).first();
    await expect(row).toContainText("postgres");
    const address = await row.getAttribute("data-address");
    expect(address).toMatch(/aws_db_instance/);
    await expect(page.getByTestId("facet-type")).toContainText("aws_db_instance");

    // No oracle for secrets: with the workspace indexed, its sensitive values match nothing.
    const obj = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: stateKey(backend.options, ws) }));
    const secrets = secretsOf(await obj.Body!.transformToByteArray());
    expect(secrets.length).toBeGreaterThan(0);
    const resultsUrl = page.url();
    for (const secret of secrets.slice(0, 3)) {
      await page.goto(`/search?q=${encodeURIComponent(`${secret} workspace:${ws}`)}`);
      await expect(page.getByTestId("search-total")).toHaveText("0 instances");
    }
    await page.goto(resultsUrl);
    await page.locator(hit).first().getByTestId("search-hit-link").click();
    await expect(page).toHaveURL(new RegExp(`/b/${backend.name}/w/${ws}/state\\?q=`));
    await expect(page.getByTestId("state-tab")).toBeVisible();
    await expect(page.getByTestId("state-tab")).toContainText(address!.split("[")[0]!);
  });

  test("the Locks page breaks an abandoned lock of both kinds", async ({ page }) => {
    test.setTimeout(300_000);
    const ws = uniqueName("e2e-estlock");
    const info = await abandonedRun(ws, 72);
    const key = stateKey(backend.options, ws);
    expect(await ddbItem(lockIdFor(bucket, key))).toBeDefined();
    const rowOf = (kind: string) => `[data-testid="estate-lock"][data-workspace="${ws}"][data-lock-kind="${kind}"]`;
    await reloadUntilVisible(page, `/locks?q=${ws}`, rowOf("dynamodb"));
    for (const kind of ["dynamodb", "s3"]) {
      const row = page.locator(rowOf(kind));
      await expect(row).toContainText("crashed-ci@runner-4");
      await expect(row).toContainText("apply");
      await expect(row.getByTestId("lock-severity")).toHaveText("probably abandoned");
      // The rows are virtualized: the confirmation opens above the table, for the lock picked.
      await row.getByTestId("break-lock-button").click();
      const panel = page.getByTestId("lock-break-panel");
      await expect(panel).toHaveAttribute("data-lock-kind", kind);
      await expect(panel.getByTestId("confirm-break-lock")).toBeDisabled();
      await panel.getByTestId("confirm-lock-id").fill(info.ID);
      await panel.getByTestId("confirm-break-lock").click();
      // The page re-renders after the write: an estate-wide pass, slow on a loaded machine.
      await expect(page.locator(rowOf(kind))).toHaveCount(0, { timeout: 90_000 });
    }
    await expectNoLockLeft(key);
    // The audit trail says whose lock was broken: holder, operation, created (one event per kind broken).
    const events = (await auditEventsFor(ws)).filter((e) => e.action === "unlock" && e.result === "ok");
    expect(events.map((e) => [e.target.lockKind, e.target.lockWho, e.target.lockOperation, e.target.lockCreated]).sort()).toEqual([
      ["dynamodb", "crashed-ci@runner-4", "OperationTypeApply", info.Created],
      ["s3", "crashed-ci@runner-4", "OperationTypeApply", info.Created],
    ]);
  });
});

test.describe("as operator, orphans", () => {
  test.use({ storageState: storageStateFor("operator") });

  test("the Locks page breaks an orphan lock (its state deleted) with the Lock tab's confirmation", async ({ page }) => {
    test.setTimeout(300_000);
    const ws = uniqueName("e2e-orphan");
    await abandonedRun(ws, 74);
    const key = stateKey(backend.options, ws);
    await ctx.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const rowOf = (kind: string) => `[data-testid="orphan-lock"][data-state-key="${key}"][data-lock-kind="${kind}"]`;
    await reloadUntilVisible(page, `/locks?q=${ws}`, rowOf("dynamodb"));
    for (const kind of ["dynamodb", "s3"]) {
      const row = page.locator(rowOf(kind));
      await expect(row).toContainText("crashed-ci@runner-4");
      await row.getByTestId("break-lock-button").click();
      const panel = page.getByTestId("lock-break-panel");
      await expect(panel).toContainText("orphan");
      await expect(panel.getByTestId("confirm-break-lock")).toBeDisabled();
      await panel.getByTestId("confirm-lock-id").fill("00000000-0000-4000-8000-000000000000");
      await expect(panel.getByTestId("confirm-break-lock")).toBeDisabled();
      await panel.getByTestId("use-lock-id").click();
      await panel.getByTestId("confirm-break-lock").click();
      // The page re-renders after the write: an estate-wide pass, slow on a loaded machine.
      await expect(page.locator(rowOf(kind))).toHaveCount(0, { timeout: 90_000 });
    }
    await expectNoLockLeft(key);
  });
});

test.describe("as admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("the Problems page repairs a digest mismatch", async ({ page }) => {
    const ws = uniqueName("e2e-estdigest");
    await writer.apply(ws, buildState({ seed: 73 }));
    const bad = await writer.corruptDigest(ws);
    const key = stateKey(backend.options, ws);
    expect((await ddbItem(digestIdFor(bucket, key)))?.Digest?.S).toBe(bad);
    const sel = `[data-testid="problem"][data-code="DIGEST_MISMATCH"][data-workspace="${ws}"]`;
    await reloadUntilVisible(page, "/problems", sel);
    await expect(page.getByTestId("problem-count")).toBeVisible();
    const row = page.locator(sel);
    await row.getByTestId("repair-digest-button").click();
    await expect(row.getByTestId("repair-stored-digest")).toHaveText(bad);
    await row.getByTestId("confirm-repair-digest").click();
    await expect(page.locator(sel)).toHaveCount(0);
    const obj = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const md5 = createHash("md5").update(await obj.Body!.transformToByteArray()).digest("hex");
    expect((await ddbItem(digestIdFor(bucket, key)))?.Digest?.S).toBe(md5);
  });
});

test.describe("as viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("sees problems and locks but no repair or break controls", async ({ page }) => {
    const ws = uniqueName("e2e-estview");
    await abandonedRun(ws, 74);
    await writer.corruptDigest(ws);
    const problem = `[data-testid="problem"][data-workspace="${ws}"]`;
    await reloadUntilVisible(page, "/problems", `${problem}[data-code="DIGEST_MISMATCH"]`);
    await reloadUntilVisible(page, "/problems", `${problem}[data-code="STALE_LOCK"]`);
    await expect(page.getByTestId("repair-digest-button")).toHaveCount(0);
    await expect(page.getByTestId("break-lock-button")).toHaveCount(0);
    await reloadUntilVisible(page, "/locks", `[data-testid="estate-lock"][data-workspace="${ws}"]`);
    await expect(page.getByTestId("break-lock-button")).toHaveCount(0);

    // The workspace header names the same problems.
    await page.goto(`/b/${backend.name}/w/${ws}/state`);
    const badges = page.getByTestId("workspace-problems");
    await expect(badges).toContainText("digest mismatch");
    await expect(badges).toContainText("stale lock");
  });
});
