import "server-only";
/**
 * The workspace header's facts, cheaply: whether the state exists or was deleted (one
 * ListObjectVersions of one entry, no download) and the locks held on it.
 */
import type { BackendContext } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { readLockStatus } from "@/lib/backend/locks/status";
import { keyPresence, type ObjectPresence } from "@/lib/backend/presence";
import type { LockStatus } from "@/lib/backend/types";

export type { ObjectPresence };

export function statePresence(ctx: BackendContext, workspace: string): Promise<ObjectPresence> {
  return keyPresence(ctx, stateKey(ctx.def.options, workspace));
}

export interface WorkspaceStatus {
  key: string;
  presence: ObjectPresence;
  lock: LockStatus;
}

export async function workspaceStatus(ctx: BackendContext, workspace: string): Promise<WorkspaceStatus> {
  const [presence, lock] = await Promise.all([statePresence(ctx, workspace), readLockStatus(ctx, workspace)]);
  return { key: stateKey(ctx.def.options, workspace), presence, lock };
}
