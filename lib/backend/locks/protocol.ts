import "server-only";
/**
 * Taking and releasing state locks exactly as terraform/tofu do (DESIGN.md "DynamoDB lock table",
 * "S3 lock object"), so that a tool run and Statehouse exclude each other and either can release
 * a lock the other wrote.
 *
 * Every release is conditional on the lock still being the one that was read (DynamoDB
 * `Info = :info`, S3 `If-Match: <ETag>`): a lock taken meanwhile by someone else is never removed.
 * A request the SDK retried after a lost answer can find its own first attempt already applied;
 * both sides recognise that (the holder is us / the lock is already gone) instead of failing.
 */
import os from "node:os";
import { isConditionFailure, isMissingObject, mapAwsError } from "@/lib/aws/errors";
import { LockChangedError, LockedError, StatehouseError, StateUnreadableError } from "@/lib/errors";
import type { BackendContext } from "@/lib/backend/context";
import { encodeLockInfo } from "@/lib/gocompat/lockinfo";
import { configuredKinds, LOCK_KINDS, lockKind } from "./kinds";
import { lockHolder } from "./status";
import type { LockInfo, LockKind, LockRecord } from "@/lib/backend/types";

export { objectPutParams } from "@/lib/backend/put-params";

/** The LockInfo Operation of a Statehouse restore (tools show it as is in "Lock Info"). */
export const RESTORE_OPERATION = "OperationTypeStatehouseRestore";
/** LockInfo Version when the caller names no tool version. */
export const STATEHOUSE_LOCK_VERSION = "statehouse";

/** `user@host` as the tools fill LockInfo.Who; what the CLI passes as `who`. */
export function localWho(): string {
  return `${os.userInfo().username}@${os.hostname()}`;
}

/** The lock kinds the backend takes, in the tools' order: the S3 lock object first, then DynamoDB. */
export function configuredLockKinds(ctx: BackendContext): LockKind[] {
  return configuredKinds(ctx).map((k) => k.kind);
}

export { isConditionFailure };

/** The current lock of one kind on a state object, or null when there is none. */
export function readLock(ctx: BackendContext, stateObjectKey: string, kind: LockKind): Promise<LockRecord | null> {
  return lockKind(kind).read(ctx, stateObjectKey);
}

/** A put of our lock lost its condition: it is ours (a retried request whose first try landed) or someone's. */
async function checkConflict(ctx: BackendContext, stateObjectKey: string, kind: LockKind, info: LockInfo): Promise<void> {
  const holder = await readLock(ctx, stateObjectKey, kind);
  if (holder?.info?.ID === info.ID) return;
  throw new LockedError(holder ? [lockHolder(holder)] : [{ kind, id: "(released meanwhile)", who: "another client", operation: "", created: "" }]);
}

async function putLock(ctx: BackendContext, stateObjectKey: string, kind: LockKind, info: LockInfo): Promise<void> {
  const d = lockKind(kind);
  try {
    await d.put(ctx, stateObjectKey, encodeLockInfo(info));
  } catch (err) {
    if (isConditionFailure(err)) return checkConflict(ctx, stateObjectKey, kind, info);
    await undoLostPut(ctx, stateObjectKey, kind, info.ID);
    throw mapAwsError(err, d.callInfo(ctx, "put", stateObjectKey));
  }
}

/**
 * A put that failed without an answer (connection lost, retries exhausted) may still have
 * landed: release the lock if, and only if, it carries our ID, so no lock of ours is left behind.
 */
async function undoLostPut(ctx: BackendContext, stateObjectKey: string, kind: LockKind, lockId: string): Promise<void> {
  try {
    await releaseLock(ctx, stateObjectKey, kind, lockId);
  } catch (releaseErr) {
    // LockChangedError: ours never landed (nothing to undo). Anything else is reported with the lock ID.
    if (!(releaseErr instanceof LockChangedError)) console.error("statehouse: a lock whose put failed may be left behind", { lockId, kind, releaseErr });
  }
}

/**
 * Takes every lock the backend is configured for, as the tools do: the `.tflock` object first
 * (If-None-Match: *), then the DynamoDB item (attribute_not_exists). If the second cannot be
 * taken the first is released. A held lock gives LockedError naming the holder.
 * A lock of a kind the backend does not configure also refuses: a run whose configuration
 * differs (e.g. already moved to use_lockfile) holds only that one, and would be raced otherwise.
 * Returns the kinds taken (none when the backend has no locking).
 */
export async function acquireLocks(ctx: BackendContext, stateObjectKey: string, info: LockInfo): Promise<LockKind[]> {
  const taken: LockKind[] = [];
  try {
    for (const kind of configuredLockKinds(ctx)) {
      await putLock(ctx, stateObjectKey, kind, info);
      taken.push(kind);
    }
    const others = await Promise.all(LOCK_KINDS.filter((k) => !taken.includes(k.kind)).map((k) => k.read(ctx, stateObjectKey)));
    const held = others.filter((r): r is LockRecord => r !== null);
    if (held.length > 0) throw new LockedError(held.map(lockHolder));
    return taken;
  } catch (err) {
    await releaseLocks(ctx, stateObjectKey, info.ID, taken).catch((releaseErr: unknown) => {
      console.error("statehouse: could not undo a partly taken lock", { lockId: info.ID, releaseErr });
    });
    throw err;
  }
}

/** The delete lost its condition: released by our own retried request, or replaced by another lock. */
async function checkAfterLostDelete(ctx: BackendContext, stateObjectKey: string, kind: LockKind, lockId: string): Promise<void> {
  const now = await readLock(ctx, stateObjectKey, kind);
  if (now === null) return;
  throw new LockChangedError(lockId, now.info?.ID ?? null, kind);
}

/**
 * Releases the lock of one kind if, and only if, its ID is `lockId` (like `force-unlock ID`):
 * read, compare, then a delete conditional on the exact lock that was read.
 * LockChangedError when the lock is absent or has another ID; nothing is released then.
 * Resolves to the lock released (for the audit: whose lock it was).
 */
export async function releaseLock(ctx: BackendContext, stateObjectKey: string, kind: LockKind, lockId: string): Promise<LockRecord> {
  const current = await readLock(ctx, stateObjectKey, kind);
  if (current === null) throw new LockChangedError(lockId, null, kind);
  if (current.info === null) {
    throw new StateUnreadableError(`The ${kind} lock at ${current.location} cannot be parsed (${current.parseError ?? "unknown problem"}), so its ID cannot be checked. Nothing was released.`, {
      location: current.location,
    });
  }
  if (current.info.ID !== lockId) throw new LockChangedError(lockId, current.info.ID, kind);
  const d = lockKind(kind);
  try {
    await d.remove(ctx, stateObjectKey, current);
  } catch (err) {
    if (isConditionFailure(err) || isMissingObject(err)) {
      await checkAfterLostDelete(ctx, stateObjectKey, kind, lockId);
      return current;
    }
    throw mapAwsError(err, d.callInfo(ctx, "delete", stateObjectKey));
  }
  return current;
}

/**
 * Releases the locks of the given kinds (default: the configured ones) that carry `lockId`.
 * In the reverse of the taking order (DynamoDB, then the `.tflock`), so nobody can ever see a
 * DynamoDB lock without its `.tflock`: a run that got the `.tflock` would then fail on DynamoDB.
 * Every kind is attempted even when one fails; the first failure is then thrown.
 */
export async function releaseLocks(ctx: BackendContext, stateObjectKey: string, lockId: string, kinds: LockKind[] = configuredLockKinds(ctx)): Promise<LockKind[]> {
  return (await releaseLockRecords(ctx, stateObjectKey, lockId, kinds)).map((r) => r.kind);
}

/** releaseLocks, resolving to the lock records released (whose locks they were). */
export async function releaseLockRecords(ctx: BackendContext, stateObjectKey: string, lockId: string, kinds: readonly LockKind[]): Promise<LockRecord[]> {
  const released: LockRecord[] = [];
  let failure: unknown = null;
  for (const kind of [...LOCK_KINDS].reverse().map((k) => k.kind).filter((k) => kinds.includes(k))) {
    try {
      released.push(await releaseLock(ctx, stateObjectKey, kind, lockId));
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure !== null) throw failure;
  return released;
}

/** Every lock currently held on the state object (any kind that exists, configured or not). */
export async function readHolders(ctx: BackendContext, stateObjectKey: string): Promise<LockRecord[]> {
  const found = await Promise.all(LOCK_KINDS.map((k) => k.read(ctx, stateObjectKey)));
  return found.filter((r): r is LockRecord => r !== null);
}

/** Throws LockedError when anything holds a lock on the state object. */
export async function assertUnlocked(ctx: BackendContext, stateObjectKey: string): Promise<void> {
  const holders = await readHolders(ctx, stateObjectKey);
  if (holders.length > 0) throw new LockedError(holders.map(lockHolder));
}

function lockLeftError(lockId: string, releaseErr: unknown, primary: StatehouseError | null, completed: string | null): StatehouseError {
  const why = releaseErr instanceof Error ? releaseErr.message : String(releaseErr);
  const message = primary
    ? `${primary.message} Also, its lock ${lockId} could not be released: ${why}`
    : `${completed ?? "The operation completed"}, but its lock ${lockId} could not be released: ${why}`;
  return new StatehouseError(primary?.code ?? "UPSTREAM", message, {
    hint: `Check that nothing else is running, then break lock ${lockId} (Lock tab, or \`statehouse unlock ${lockId}\`).`,
    details: { ...primary?.details, lockLeft: lockId, completed: primary === null },
    cause: releaseErr,
  });
}

/**
 * Runs `fn` holding the backend's locks (taken with `info`), and releases them whatever happens.
 * A lock that cannot be released is reported in the thrown error with its ID, so it can be broken;
 * `describe` words a success whose lock was left behind.
 */
export async function withLocks<T>(ctx: BackendContext, stateObjectKey: string, info: LockInfo, fn: () => Promise<T>, describe: (value: T) => string): Promise<T> {
  const taken = await acquireLocks(ctx, stateObjectKey, info);
  let value: T;
  try {
    value = await fn();
  } catch (err) {
    try {
      await releaseLocks(ctx, stateObjectKey, info.ID, taken);
    } catch (releaseErr) {
      if (!(err instanceof StatehouseError)) console.error("statehouse: lock left behind after a failure", { lockId: info.ID, releaseErr });
      else throw lockLeftError(info.ID, releaseErr, err, null);
    }
    throw err;
  }
  try {
    await releaseLocks(ctx, stateObjectKey, info.ID, taken);
  } catch (releaseErr) {
    throw lockLeftError(info.ID, releaseErr, null, describe(value));
  }
  return value;
}
