/**
 * Statehouse racing real runs: a tool writer following the tools' protocol (lock, put, digest,
 * unlock; retrying while locked), Statehouse restores, and an operator breaking crashed locks
 * (and trying stale lock IDs) all hit one workspace at once, for a bounded number of rounds.
 * Afterwards: no version lost, digest matches the current object, no lock left, and every refusal
 * was a typed error saying why.
 */
import { describe, expect, it } from "vitest";
import { isStatehouseError, type StatehouseError } from "@/lib/errors";
import { readLockStatus } from "@/lib/backend/locks/status";
import { isConditionFailure } from "@/lib/backend/locks/protocol";
import { restoreVersion } from "@/lib/backend/restore";
import { breakLock } from "@/lib/backend/unlock";
import { listVersions } from "@/lib/backend/versions";
import type { LockInfo } from "@/lib/backend/types";
import { newBackend, stateOf, type Locking } from "./setup";

const TOOL_APPLIES = 100;
const RESTORES = 60;
const CRASHES = 50;
/** Bound on retries of one round while others hold the lock: a livelock fails the test instead of hanging it. */
const MAX_ATTEMPTS = 3000;

const pause = () => new Promise((r) => setTimeout(r, 1 + Math.floor(Math.random() * 8)));

/** Retries `fn` while `busy(err)` says the state is locked; any other error ends the round. */
async function untilFree<T>(fn: () => Promise<T>, busy: (err: unknown) => boolean, onBusy: (err: unknown) => void = () => {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!busy(err) || attempt >= MAX_ATTEMPTS) throw err;
      onBusy(err);
      await pause();
    }
  }
}

async function race(locking: Locking): Promise<void> {
  const b = await newBackend(locking);
  const ws = "hot";
  const written: string[] = [];
  const refusals: StatehouseError[] = [];
  const first = await b.writer.apply(ws, stateOf(42, 1));
  written.push(first.versionId);
  const toolVersions = [first.versionId];

  const tool = async () => {
    for (let i = 2; i <= TOOL_APPLIES; i++) {
      const lock = await untilFree(() => b.writer.lock(ws, { who: "ci@runner-1" }), isConditionFailure);
      try {
        const res = await b.writer.putState(ws, stateOf(42, i));
        written.push(res.versionId);
        toolVersions.push(res.versionId);
      } finally {
        await b.writer.unlock(ws, lock);
      }
      await pause();
    }
  };

  const restorer = async () => {
    for (let i = 0; i < RESTORES; i++) {
      const source = toolVersions[Math.floor(Math.random() * toolVersions.length)]!;
      const res = await untilFree(
        () => restoreVersion(b.ctx, { workspace: ws, versionId: source, who: "admin@statehouse" }),
        (err) => isStatehouseError(err) && err.code === "LOCKED",
        (err) => refusals.push(err as StatehouseError),
      );
      written.push(res.newVersionId);
      await pause();
    }
  };

  const operator = async () => {
    let stale = "00000000-0000-4000-8000-000000000000";
    for (let i = 0; i < CRASHES; i++) {
      // A run that dies holding the lock, then the operator breaks exactly that lock.
      const crashed: LockInfo = await untilFree(() => b.writer.lock(ws, { who: "ci@crashed", now: new Date(Date.now() - 86400_000) }), isConditionFailure);
      await pause();
      const { released } = await breakLock(b.ctx, { workspace: ws, lockId: crashed.ID });
      expect(released.sort()).toEqual(locking === "both" ? ["dynamodb", "s3"] : [locking]);
      // A confirmation made on an old view of the lock tab: must be refused, whatever holds the lock now.
      try {
        await breakLock(b.ctx, { workspace: ws, lockId: stale });
        throw new Error(`stale lock ID ${stale} was released`);
      } catch (err) {
        if (!isStatehouseError(err) || err.code !== "LOCK_CHANGED") throw err;
        refusals.push(err);
      }
      stale = crashed.ID;
      await pause();
    }
  };

  await Promise.all([tool(), restorer(), operator()]);

  const { versions } = await listVersions(b.ctx, ws);
  const existing = new Set(versions.map((v) => v.versionId));
  expect(written.filter((v) => !existing.has(v))).toEqual([]);
  expect(written).toHaveLength(TOOL_APPLIES + RESTORES);
  expect(versions.filter((v) => !v.isDeleteMarker)).toHaveLength(TOOL_APPLIES + RESTORES);
  const status = await readLockStatus(b.ctx, ws);
  expect(status.locks).toEqual([]);
  if (locking !== "s3") expect(status.digest.status).toBe("match");
  for (const r of refusals) {
    expect(["LOCKED", "LOCK_CHANGED"]).toContain(r.code);
    expect(r.message.length).toBeGreaterThan(20);
    if (r.code === "LOCKED") expect((r.details as { holders: unknown[] }).holders.length).toBeGreaterThan(0);
  }
  expect(refusals.filter((r) => r.code === "LOCK_CHANGED")).toHaveLength(CRASHES);
}

describe("Statehouse writes racing the tools' protocol", () => {
  it("DynamoDB + lock object: 210 rounds of applies, restores and lock breaks lose nothing", { timeout: 240_000 }, () => race("both"));
  it("DynamoDB only", { timeout: 240_000 }, () => race("dynamodb"));
});
