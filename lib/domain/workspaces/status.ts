import "server-only";
/**
 * The workspace header's facts, cheaply: whether the state exists or was deleted (one HeadObject,
 * or one ListObjectVersions of one entry when there is no live object; no download) and the locks held on it.
 */
import type { BackendContext } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { readLockStatus } from "@/lib/backend/locks/status";
import { keyPresence, type ObjectPresence } from "@/lib/backend/presence";
import { currentVersionTag } from "@/lib/backend/versions";
import type { LockStatus } from "@/lib/backend/types";

export type { ObjectPresence };

/**
 * A live state (the common case) by one HeadObject of the current object; anything else (a delete
 * marker, no object, an error) as the one-entry version listing says. The HEAD costs the same
 * whatever the history's length; a version listing, even of one entry, does not everywhere (moto
 * copies the key's whole history for it).
 */
export async function statePresence(ctx: BackendContext, workspace: string): Promise<ObjectPresence> {
  const key = stateKey(ctx.def.options, workspace);
  const current = await currentVersionTag(ctx, key).catch(() => null);
  if (current?.state === "present") return { state: "present", versionId: current.versionId, lastModified: current.lastModified, size: current.size };
  return keyPresence(ctx, key);
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
