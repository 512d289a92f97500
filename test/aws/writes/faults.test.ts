/**
 * Safe writes under AWS faults, injected by testkit/fault-proxy between the SDK and moto:
 * dropped connections (before and after the request is applied), 500/503 answers, slow answers,
 * and a failure between the state write and the digest write. Each case must leave the state
 * consistent (or say exactly what is stale and how to repair it) and the lock released.
 * The backends use max_retries = 1 (testkit default) so exhausted retries come quickly.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isStatehouseError, type StatehouseError } from "@/lib/errors";
import { stateKey } from "@/lib/backend/keys";
import { readLockStatus } from "@/lib/backend/locks/status";
import { restoreVersion } from "@/lib/backend/restore";
import { repairDigest } from "@/lib/backend/repair-digest";
import { breakLock } from "@/lib/backend/unlock";
import { listVersions, readStateObject } from "@/lib/backend/versions";
import { motoEndpoint } from "@/testkit/moto";
import { startFaultProxy, type FaultMatch, type FaultProxy } from "@/testkit/fault-proxy";
import { md5, newBackend, rawCurrent, rawDigest, stateOf, type Locking, type TestBackend } from "./setup";

const who = "alice@laptop";
let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(motoEndpoint());
});
afterEach(() => proxy.clear());
afterAll(() => proxy.stop());

/** A workspace with three tool-written versions; returns the first (to restore) and the current. */
async function seeded(locking: Locking, ws: string) {
  const b = await newBackend(locking, { endpoint: proxy.endpoint });
  const first = await b.writer.apply(ws, stateOf(7, 1));
  await b.writer.apply(ws, stateOf(7, 2));
  const current = await b.writer.apply(ws, stateOf(7, 3));
  return { b, first, current };
}

const statePut = (b: TestBackend, ws: string): FaultMatch => ({ method: "PUT", path: `/${b.bucket}/${stateKey(b.options, ws)}` });

async function failure(p: Promise<unknown>): Promise<StatehouseError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isStatehouseError(err)) throw new Error(`expected a typed error, got ${String(err)}`);
  return err;
}

async function expectUntouched(b: TestBackend, ws: string, currentVersionId: string, versionCount = 3) {
  expect((await rawCurrent(b, ws))!.versionId).toBe(currentVersionId);
  expect((await listVersions(b.ctx, ws)).versions).toHaveLength(versionCount);
  const status = await readLockStatus(b.ctx, ws);
  expect(status.locks).toEqual([]);
  if (b.table) expect(status.digest.status).toBe("match");
}

describe("restore under faults", () => {
  it("a connection dropped once on the state write is retried and the restore succeeds", async () => {
    const { b, first } = await seeded("both", "w1");
    proxy.add({ match: statePut(b, "w1"), fault: { kind: "drop" }, times: 1 });
    const r = await restoreVersion(b.ctx, { workspace: "w1", versionId: first.versionId, who });
    expect(proxy.faulted("drop")).toHaveLength(1);
    expect((await rawCurrent(b, "w1"))!.versionId).toBe(r.newVersionId);
    expect(await rawDigest(b, "w1")).toBe(r.digest);
    expect((await readLockStatus(b.ctx, "w1")).locks).toEqual([]);
  });

  it("a lost answer after S3 applied the write: the retry's failed If-Match is recognised as our own write", async () => {
    const { b, first } = await seeded("dynamodb", "w2");
    proxy.add({ match: statePut(b, "w2"), fault: { kind: "drop-after" }, times: 1 });
    const r = await restoreVersion(b.ctx, { workspace: "w2", versionId: first.versionId, who });
    expect(proxy.faulted("drop-after")).toHaveLength(1);
    const cur = (await rawCurrent(b, "w2"))!;
    expect(cur.versionId).toBe(r.newVersionId);
    expect((await listVersions(b.ctx, "w2")).versions).toHaveLength(4);
    expect(await rawDigest(b, "w2")).toBe(md5(cur.bytes));
    expect((await readLockStatus(b.ctx, "w2")).locks).toEqual([]);
  });

  it("a state write that keeps failing (dropped connections) changes nothing and releases the lock", async () => {
    const { b, first, current } = await seeded("both", "w3");
    proxy.add({ match: statePut(b, "w3"), fault: { kind: "drop" } });
    const err = await failure(restoreVersion(b.ctx, { workspace: "w3", versionId: first.versionId, who }));
    expect(err.code).toBe("UPSTREAM");
    proxy.clear();
    await expectUntouched(b, "w3", current.versionId);
  });

  it("500s on the state write change nothing and release the lock", async () => {
    const { b, first, current } = await seeded("dynamodb", "w4");
    proxy.add({ match: statePut(b, "w4"), fault: { kind: "status", status: 500 } });
    const err = await failure(restoreVersion(b.ctx, { workspace: "w4", versionId: first.versionId, who }));
    expect(err.code).toBe("UPSTREAM");
    expect(err.message).toContain("s3:PutObject");
    proxy.clear();
    await expectUntouched(b, "w4", current.versionId);
  });

  it("503s on the DynamoDB lock: refused as throttled, and the .tflock already taken is released", async () => {
    const { b, first, current } = await seeded("both", "w5");
    proxy.add({ match: { dynamoOperation: "PutItem", body: /"Info"/ }, fault: { kind: "status", status: 503 } });
    const err = await failure(restoreVersion(b.ctx, { workspace: "w5", versionId: first.versionId, who }));
    expect(err.code).toBe("THROTTLED");
    proxy.clear();
    await expectUntouched(b, "w5", current.versionId);
  });

  it("every answer to the lock puts lost (the first landed): the restore fails and leaves no lock of its own", async () => {
    for (const [locking, match] of [
      ["dynamodb", { dynamoOperation: "PutItem", body: /"Info"/ }],
      ["s3", { method: "PUT", path: /\.tflock$/ }],
    ] as const) {
      const { b, first, current } = await seeded(locking, `lost-${locking}`);
      proxy.add({ match, fault: { kind: "drop-after" } });
      const err = await failure(restoreVersion(b.ctx, { workspace: `lost-${locking}`, versionId: first.versionId, who }));
      expect(err.code).toBe("UPSTREAM");
      proxy.clear();
      await expectUntouched(b, `lost-${locking}`, current.versionId);
    }
  });

  it("slow answers everywhere: the restore still completes correctly", async () => {
    const { b, first } = await seeded("both", "w6");
    proxy.add({ match: {}, fault: { kind: "delay", ms: 150 } });
    const r = await restoreVersion(b.ctx, { workspace: "w6", versionId: first.versionId, who });
    proxy.clear();
    expect((await rawCurrent(b, "w6"))!.versionId).toBe(r.newVersionId);
    expect((await readLockStatus(b.ctx, "w6")).digest.status).toBe("match");
  });

  it("the digest write fails after the state write: reported as a stale digest with the repair, lock released, then repaired", async () => {
    const { b, first } = await seeded("dynamodb", "w7");
    proxy.add({ match: { dynamoOperation: "PutItem", body: /-md5/ }, fault: { kind: "status", status: 500 } });
    const err = await failure(restoreVersion(b.ctx, { workspace: "w7", versionId: first.versionId, who }));
    proxy.clear();
    const cur = (await rawCurrent(b, "w7"))!;
    expect(err.code).toBe("UPSTREAM");
    expect(err.message).toContain("digest is now stale");
    expect(err.message).toContain(cur.versionId);
    expect(err.hint).toContain("Repair the digest");
    expect(err.details).toMatchObject({ digestStale: true, newVersionId: cur.versionId, expectedDigest: md5(cur.bytes) });
    const status = await readLockStatus(b.ctx, "w7");
    expect(status.locks).toEqual([]);
    expect(status.digest.status).toBe("mismatch");

    const stale = await rawDigest(b, "w7");
    const { etag } = await readStateObject(b.ctx, "w7");
    await repairDigest(b.ctx, { workspace: "w7", expectedDigest: stale, currentEtag: etag });
    expect((await readLockStatus(b.ctx, "w7")).digest.status).toBe("match");
  });

  it("the lock cannot be released after a successful restore: the error says so and names the lock to break", async () => {
    const { b, first } = await seeded("dynamodb", "w8");
    proxy.add({ match: { dynamoOperation: "DeleteItem" }, fault: { kind: "status", status: 500 } });
    const err = await failure(restoreVersion(b.ctx, { workspace: "w8", versionId: first.versionId, who }));
    proxy.clear();
    const lockId = (err.details as { lockLeft: string }).lockLeft;
    expect(err.message).toContain("was restored as the new current version");
    expect(err.message).toContain(lockId);
    expect(err.details).toMatchObject({ completed: true });
    expect(await rawDigest(b, "w8")).toBe(md5((await rawCurrent(b, "w8"))!.bytes));
    expect(await breakLock(b.ctx, { workspace: "w8", lockId })).toMatchObject({ released: ["dynamodb"] });
    expect((await readLockStatus(b.ctx, "w8")).locks).toEqual([]);
  });

  it("a dropped read of the chosen version fails before any lock is taken", async () => {
    const { b, first, current } = await seeded("both", "w9");
    proxy.add({ match: { method: "GET", query: /versionId=/ }, fault: { kind: "drop" } });
    proxy.add({ match: { method: "HEAD", query: /versionId=/ }, fault: { kind: "drop" } });
    const mark = proxy.log.length;
    const err = await failure(restoreVersion(b.ctx, { workspace: "w9", versionId: first.versionId, who }));
    expect(err.code).toBe("UPSTREAM");
    expect(proxy.log.slice(mark).filter((r) => r.dynamoOperation === "PutItem" || r.method === "PUT")).toEqual([]);
    proxy.clear();
    await expectUntouched(b, "w9", current.versionId);
  });
});

describe("break lock under faults", () => {
  it("a lost answer to the conditional delete is recognised: the lock is gone, so it was released", async () => {
    const b = await newBackend("dynamodb", { endpoint: proxy.endpoint });
    const crashed = await b.writer.lock("x", { who: "ci@crashed" });
    proxy.add({ match: { dynamoOperation: "DeleteItem" }, fault: { kind: "drop-after" }, times: 1 });
    expect(await breakLock(b.ctx, { workspace: "x", lockId: crashed.ID })).toMatchObject({ released: ["dynamodb"] });
    expect(proxy.faulted("drop-after")).toHaveLength(1);
    expect((await readLockStatus(b.ctx, "x")).locks).toEqual([]);
  });

  it("500s on the .tflock delete leave the lock in place and say why", async () => {
    const b = await newBackend("s3", { endpoint: proxy.endpoint });
    const crashed = await b.writer.lock("y", { who: "ci@crashed" });
    proxy.add({ match: { method: "DELETE" }, fault: { kind: "status", status: 500 } });
    const err = await failure(breakLock(b.ctx, { workspace: "y", lockId: crashed.ID }));
    expect(err.code).toBe("UPSTREAM");
    expect(err.message).toContain("s3:DeleteObject");
    proxy.clear();
    expect((await readLockStatus(b.ctx, "y")).locks.map((l) => l.info?.ID)).toEqual([crashed.ID]);
  });
});
