import "server-only";
/**
 * The workspace header's facts, cheaply: whether the state exists or was deleted (one
 * ListObjectVersions of one entry, no download) and the locks held on it.
 */
import { ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { awsCall, s3Arn } from "@/lib/aws/errors";
import type { BackendContext } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { readLockStatus } from "@/lib/backend/locks";
import type { LockStatus } from "@/lib/backend/types";

export type ObjectPresence = { state: "present"; versionId: string; lastModified: string | null; size: number | null } | { state: "deleted"; lastModified: string | null } | { state: "absent" };

/**
 * Newest entry of exactly `key` in the version listing: the listing is ordered by key, then newest
 * first, and `key` sorts before every longer key it prefixes (.tflock), so one entry is enough.
 */
export async function statePresence(ctx: BackendContext, workspace: string): Promise<ObjectPresence> {
  const { bucket } = ctx.def.options;
  const key = stateKey(ctx.def.options, workspace);
  const r = await awsCall({ action: "s3:ListBucketVersions", resource: s3Arn(bucket), bucket }, () =>
    ctx.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, MaxKeys: 1 })),
  );
  const marker = r.DeleteMarkers?.find((m) => m.Key === key && m.IsLatest);
  if (marker) return { state: "deleted", lastModified: marker.LastModified?.toISOString() ?? null };
  const v = r.Versions?.find((x) => x.Key === key && x.IsLatest);
  if (v) return { state: "present", versionId: v.VersionId ?? "null", lastModified: v.LastModified?.toISOString() ?? null, size: v.Size ?? null };
  return { state: "absent" };
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
