import { beforeAll, describe, expect, it } from "vitest";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { LockChangedError, LockedError } from "@/lib/errors";
import { lockKeyFor, lockIdFor, stateKey } from "@/lib/backend/keys";
import { readLockStatus } from "@/lib/backend/locks/status";
import { newLockInfo } from "@/lib/gocompat/lockinfo";
import { acquireLocks, releaseLocks, RESTORE_OPERATION } from "@/lib/backend/locks/protocol";
import { breakLock } from "@/lib/backend/unlock";
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
    expect(await breakLock(b.ctx, { workspace: "a", lockId: crashed.ID, kind: "dynamodb" })).toEqual({ released: ["dynamodb"] });
    expect(await lockIds(b, "a")).toEqual([]);
  });

  it("releases a .tflock only", async () => {
    const crashed = await b.writer.lock("b", { who: "ci@crashed" }, { s3: true, dynamodb: false });
    expect(await breakLock(b.ctx, { workspace: "b", lockId: crashed.ID, kind: "s3" })).toEqual({ released: ["s3"] });
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
