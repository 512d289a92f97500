import "server-only";
/**
 * Breaking an abandoned lock, like `force-unlock ID`: only a lock whose ID is the one the user
 * confirmed is released, with a delete conditional on the exact lock read, so a lock taken
 * meanwhile by a new run is never removed (LockChangedError instead).
 */
import { LockChangedError } from "@/lib/errors";
import type { BackendContext } from "./context";
import { stateKey, validateWorkspaceName } from "./keys";
import { configuredLockKinds, readHolders, releaseLock, releaseLocks } from "./locks/protocol";
import type { LockKind } from "./types";

export interface BreakLockRequest {
  workspace: string;
  lockId: string;
  /** The lock to release; absent: every lock (either kind) that carries `lockId`, as force-unlock does. */
  kind?: LockKind;
}

export async function breakLock(ctx: BackendContext, req: BreakLockRequest): Promise<{ released: LockKind[] }> {
  validateWorkspaceName(req.workspace);
  const key = stateKey(ctx.def.options, req.workspace);
  if (req.kind !== undefined) {
    await releaseLock(ctx, key, req.kind, req.lockId);
    return { released: [req.kind] };
  }
  const holders = await readHolders(ctx, key);
  const matching = holders.filter((h) => h.info?.ID === req.lockId).map((h) => h.kind);
  if (matching.length === 0) {
    const other = holders[0];
    throw new LockChangedError(req.lockId, other?.info?.ID ?? null, other?.kind ?? configuredLockKinds(ctx)[0] ?? "dynamodb");
  }
  return { released: await releaseLocks(ctx, key, req.lockId, matching) };
}
