import "server-only";
/**
 * Whether a workspace tab's address names a workspace, once per request (React cache): a valid
 * name, and a state object, a version history (deleted workspaces still exist) or a held lock.
 * `default` always exists, as in terraform. A failure here is a 404 naming the closest workspace.
 */
import { cache } from "react";
import { DEFAULT_WORKSPACE, validateWorkspaceName } from "@/lib/domain/workspaces";
import { lockHolder, readLockStatus } from "@/lib/domain/locks";
import type { BackendContext } from "@/lib/domain/backends";
import type { LockStatus } from "@/lib/domain/locks";
import { nameSuggestion } from "@/lib/config/did-you-mean";
import { NotFoundError, type LockHolder } from "@/lib/errors";
import { toResult, type ActionResult } from "@/lib/result";
import { listWorkspacesCached } from "@/lib/domain/workspaces";
import { statePresence, type ObjectPresence } from "@/lib/domain/workspaces";
import { checkBackend } from "@/app/(dashboard)/b/[backend]/_lib/backend-route";

export interface CheckedWorkspace {
  ctx: BackendContext;
  workspace: string;
  /** A failed read is kept, not thrown: the header shows it, and each tab reports its own reads. */
  presence: ActionResult<ObjectPresence>;
  /** The lock status when the check had to read it (no state object). */
  lock: LockStatus | null;
}

async function missing(ctx: BackendContext, backend: string, workspace: string): Promise<never> {
  const names = await listWorkspacesCached(ctx).then(
    (l) => l.workspaces.map((w) => w.name),
    () => [],
  );
  const suggestion = nameSuggestion(workspace, names);
  throw new NotFoundError(`There is no workspace "${workspace}" in ${backend}: it has no state, no version history and no lock.`, {
    title: `Workspace "${workspace}" does not exist`,
    backend,
    workspace,
    ...(suggestion ? { suggestion } : {}),
  });
}

export const checkWorkspace = cache(async (backend: string, workspace: string): Promise<ActionResult<CheckedWorkspace>> => {
  const b = await checkBackend(backend);
  if (!b.ok) return b;
  const { ctx } = b.data;
  return toResult(async () => {
    const ws = validateWorkspaceName(workspace);
    const presence = await toResult(() => statePresence(ctx, ws));
    if (ws === DEFAULT_WORKSPACE || !presence.ok || presence.data.state !== "absent") return { ctx, workspace: ws, presence, lock: null };
    // No state and never had one: a lock left by a run that created the workspace still makes it real (and breakable).
    const lock = await toResult(() => readLockStatus(ctx, ws));
    if (!lock.ok) return { ctx, workspace: ws, presence, lock: null };
    if (lock.data.locks.length > 0) return { ctx, workspace: ws, presence, lock: lock.data };
    return missing(ctx, backend, ws);
  });
});

/** The header's lock badge data: the lock the check read, or a fresh read (streamed). */
export function lockHolders(w: CheckedWorkspace): Promise<ActionResult<LockHolder[]>> {
  return toResult(async () => (w.lock ?? (await readLockStatus(w.ctx, w.workspace))).locks.map(lockHolder));
}
