import "server-only";
/**
 * Breaking an abandoned lock, like `force-unlock ID`: only a lock whose ID is the one the user
 * confirmed is released, with a delete conditional on the exact lock read, so a lock taken
 * meanwhile by a new run is never removed (LockChangedError instead). The answer says whose lock
 * it was (holder, operation, created), which the audit event records.
 */
import { InvalidInputError, LockChangedError } from "@/lib/errors";
import type { BackendContext } from "./context";
import { stateKey, validateWorkspaceName, workspaceFromObjectKey } from "./keys";
import { configuredLockKinds, readHolders, releaseLockRecords } from "./locks/protocol";
import { keyPresence } from "./presence";
import type { LockKind, LockRecord } from "./types";

export interface BreakLockRequest {
  workspace: string;
  lockId: string;
  /** The lock to release; absent: every lock (either kind) that carries `lockId`, as force-unlock does. */
  kind?: LockKind;
}

/** Whose lock was broken, as its lock info said. */
export interface BrokenLockHolder {
  who: string;
  operation: string;
  created: string;
}

export interface BreakLockResult {
  released: LockKind[];
  holder: BrokenLockHolder | null;
}

function holderOf(records: readonly LockRecord[]): BrokenLockHolder | null {
  const info = records.find((r) => r.info)?.info;
  return info ? { who: info.Who, operation: info.Operation, created: info.Created } : null;
}

async function release(ctx: BackendContext, key: string, lockId: string, kinds: readonly LockKind[]): Promise<BreakLockResult> {
  const records = await releaseLockRecords(ctx, key, lockId, kinds);
  return { released: records.map((r) => r.kind), holder: holderOf(records) };
}

export async function breakLock(ctx: BackendContext, req: BreakLockRequest): Promise<BreakLockResult> {
  validateWorkspaceName(req.workspace);
  const key = stateKey(ctx.def.options, req.workspace);
  if (req.kind !== undefined) return release(ctx, key, req.lockId, [req.kind]);
  const holders = await readHolders(ctx, key);
  const matching = holders.filter((h) => h.info?.ID === req.lockId).map((h) => h.kind);
  if (matching.length === 0) {
    const other = holders[0];
    throw new LockChangedError(req.lockId, other?.info?.ID ?? null, other?.kind ?? configuredLockKinds(ctx)[0] ?? "dynamodb");
  }
  return release(ctx, key, req.lockId, matching);
}

export interface BreakOrphanLockRequest {
  /** The state object key the lock is for (the DynamoDB LockID without the bucket, or the `.tflock` key without the suffix). */
  stateKey: string;
  lockId: string;
  kind: LockKind;
}

/**
 * Breaks an orphan: a lock whose state no workspace shows (the state object does not exist now, or its
 * key lies outside the backend's key layout). Same protocol as breakLock. A lock of a workspace whose state
 * exists is refused here: it is broken on that workspace's Lock tab, under the workspace's name.
 */
export async function breakOrphanLock(ctx: BackendContext, req: BreakOrphanLockRequest): Promise<BreakLockResult> {
  const key = req.stateKey;
  if (key.length === 0 || key.length > 1024 || key.endsWith(".tflock")) throw new InvalidInputError("Not a state object key.");
  const workspace = key === ctx.def.options.key ? "default" : workspaceFromObjectKey(ctx.def.options, key);
  if (workspace !== null && (await keyPresence(ctx, key)).state === "present") {
    throw new InvalidInputError(`This lock belongs to workspace ${workspace}, whose state exists: break it on that workspace's Lock tab.`);
  }
  return release(ctx, key, req.lockId, [req.kind]);
}
