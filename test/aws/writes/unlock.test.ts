import { beforeAll, describe, expect, it } from "vitest";
import { DeleteObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { LockChangedError, LockedError } from "@/lib/errors";
import { lockKeyFor, lockIdFor, stateKey } from "@/lib/backend/keys";
import { readLockStatus } from "@/lib/backend/locks/status";
import { newLockInfo } from "@/lib/gocompat/lockinfo";
import { acquireLocks, releaseLocks, RESTORE_OPERATION } from "@/lib/backend/locks/protocol";
import { breakLock, breakOrphanLock } from "@/lib/backend/unlock";
import { rawClients } from "@/testkit/moto";
import { newBackend, stateOf, type TestBackend } from "./setup";

const lockIds = async (b: TestBackend, ws: string) => (await readLockStatus(b.ctx, ws)).locks.map((l) => [l.kind, l.info?.ID]);

describe("breakLock (force-unlock ID)", () => {
  let b: TestBackend;
  beforeAll(async () => {
    b = await newBackend("both");
  });

  it("releases a crashed run's DynamoDB lock only", async () => {
    await b.writer.apply("a", stateOf(1, 1));
    const crashed = await b.writer.lock("a", { who: "ci@crashed", now: new Date(Date.now() - 3 * 86400_000) }, { s3: false, dynamodb: true });
    // The answer says whose lock it was: the audit event records it.
    expect(await breakLock(b.ctx, { workspace: "a", lockId: crashed.ID, kind: "dynamodb" })).toEqual({
      released: ["dynamodb"],
      holder: { who: "ci@crashed", operation: crashed.Operation, created: crashed.Created },
    });
    expect(await lockIds(b, "a")).toEqual([]);
  });

  it("releases a .tflock only", async () => {
    const crashed = await b.writer.lock("b", { who: "ci@crashed" }, { s3: true, dynamodb: false });
    expect(await breakLock(b.ctx, { workspace: "b", lockId: crashed.ID, kind: "s3" })).toMatchObject({ released: ["s3"], holder: { who: "ci@crashed" } });
    expect(await lockIds(b, "b")).toEqual([]);
  });

  it("releases both kinds carrying the ID when no kind is given", async () => {
    const crashed = await b.writer.lock("c", { who: "ci@crashed" });
    expect((await breakLock(b.ctx, { workspace: "c", lockId: crashed.ID })).released.sort()).toEqual(["dynamodb", "s3"]);
    expect(await lockIds(b, "c")).toEqual([]);
    // The tools can lock again afterwards.
    await b.writer.apply("c", stateOf(1, 2));
  });

  it("refuses with LockChangedError when the lock has another ID, releasing nothing", async () => {
    const current = await b.writer.lock("d", { who: "new-run@ci" });
    for (const kind of ["dynamodb", "s3", undefined] as const) {
      const err = await breakLock(b.ctx, { workspace: "d", lockId: "00000000-0000-0000-0000-000000000000", kind }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LockChangedError);
      expect((err as LockChangedError).details).toMatchObject({ actualId: current.ID });
    }
    expect((await lockIds(b, "d")).length).toBe(2);
    await b.writer.unlock("d", current);
  });

  it("refuses with LockChangedError when the lock vanished", async () => {
    const gone = await b.writer.lock("e", { who: "x@y" });
    await b.writer.unlock("e", gone);
    const err = await breakLock(b.ctx, { workspace: "e", lockId: gone.ID, kind: "dynamodb" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockChangedError);
    expect((err as LockChangedError).details).toMatchObject({ actualId: null });
  });
});

describe("locks Statehouse takes are the tools' locks", () => {
  it("a Statehouse lock blocks the tool, and the tool's Tofu-style release (Info = :info) frees it", async () => {
    const b = await newBackend("both", { flavour: "tofu" });
    const key = stateKey(b.options, "default");
    const info = newLockInfo({ operation: RESTORE_OPERATION, who: "alice <admin> & co", version: "statehouse", path: lockIdFor(b.bucket, key) });
    expect(await acquireLocks(b.ctx, key, info)).toEqual(["s3", "dynamodb"]);
    await expect(b.writer.lock("default")).rejects.toMatchObject({ name: "PreconditionFailed" });
    // The tool's unlock re-encodes the lock with Go's rules; the conditional delete matches only if our bytes are identical.
    await b.writer.unlock("default", info);
    expect((await readLockStatus(b.ctx, "default")).locks).toEqual([]);
  });

  it("a second Statehouse lock is refused with the first holder; a retried put of our own lock is recognised", async () => {
    const b = await newBackend("dynamodb");
    const key = stateKey(b.options, "w");
    const path = lockIdFor(b.bucket, key);
    const mine = newLockInfo({ operation: RESTORE_OPERATION, who: "alice@h", version: "x", path });
    await acquireLocks(b.ctx, key, mine);
    await expect(acquireLocks(b.ctx, key, newLockInfo({ operation: RESTORE_OPERATION, who: "bob@h", version: "x", path }))).rejects.toMatchObject({
      code: "LOCKED",
      message: expect.stringContaining("alice@h"),
    });
    // Same ID again = the SDK retrying a put whose first attempt landed: not a conflict.
    await expect(acquireLocks(b.ctx, key, mine)).resolves.toEqual(["dynamodb"]);
    expect(await releaseLocks(b.ctx, key, mine.ID)).toEqual(["dynamodb"]);
    await expect(releaseLocks(b.ctx, key, mine.ID)).rejects.toBeInstanceOf(LockChangedError);
  });

  it("a held .tflock of another run stops the DynamoDB lock from being taken at all", async () => {
    const b = await newBackend("both");
    const theirs = await b.writer.lock("z", { who: "ci@other" }, { s3: true, dynamodb: false });
    const key = stateKey(b.options, "z");
    const err = await acquireLocks(b.ctx, key, newLockInfo({ operation: RESTORE_OPERATION, who: "me", version: "x", path: lockIdFor(b.bucket, key) })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockedError);
    expect(await lockIds(b, "z")).toEqual([["s3", theirs.ID]]);
    await rawClients().s3.send(new HeadObjectCommand({ Bucket: b.bucket, Key: lockKeyFor(key) }));
  });
});

describe("breakOrphanLock (a lock no workspace shows)", () => {
  let b: TestBackend;
  beforeAll(async () => {
    b = await newBackend("both");
  });

  it("releases the lock of a deleted workspace, of either kind, only with its ID", async () => {
    await b.writer.apply("gone", stateOf(1, 1));
    const crashed = await b.writer.lock("gone", { who: "ci@deleted" });
    const key = stateKey(b.ctx.def.options, "gone");
    await rawClients().s3.send(new DeleteObjectCommand({ Bucket: b.ctx.def.options.bucket, Key: key }));
    await expect(breakOrphanLock(b.ctx, { stateKey: key, lockId: "00000000-0000-0000-0000-000000000000", kind: "dynamodb" })).rejects.toBeInstanceOf(LockChangedError);
    expect(await breakOrphanLock(b.ctx, { stateKey: key, lockId: crashed.ID, kind: "dynamodb" })).toMatchObject({ released: ["dynamodb"], holder: { who: "ci@deleted" } });
    expect(await breakOrphanLock(b.ctx, { stateKey: key, lockId: crashed.ID, kind: "s3" })).toMatchObject({ released: ["s3"] });
    expect(await lockIds(b, "gone")).toEqual([]);
  });

  it("releases a lock whose key lies outside the backend's layout", async () => {
    const key = "elsewhere/terraform.tfstate";
    const crashed = newLockInfo({ who: "ci@elsewhere", operation: "OperationTypeApply", version: "1.10.3", path: `${b.ctx.def.options.bucket}/${key}` });
    await acquireLocks(b.ctx, key, crashed);
    expect((await breakOrphanLock(b.ctx, { stateKey: key, lockId: crashed.ID, kind: "s3" })).released).toEqual(["s3"]);
    expect((await breakOrphanLock(b.ctx, { stateKey: key, lockId: crashed.ID, kind: "dynamodb" })).released).toEqual(["dynamodb"]);
  });

  it("refuses a live workspace's lock: that one is broken on its Lock tab", async () => {
    await b.writer.apply("live", stateOf(2, 1));
    const held = await b.writer.lock("live", { who: "ci@live" });
    await expect(breakOrphanLock(b.ctx, { stateKey: stateKey(b.ctx.def.options, "live"), lockId: held.ID, kind: "dynamodb" })).rejects.toThrow(/workspace live, whose state exists/);
    expect((await lockIds(b, "live")).length).toBe(2);
  });
});

