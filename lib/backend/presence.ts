import "server-only";
/** Whether one object key currently exists, was deleted (delete marker), or never existed: one request, whatever its history. */
import { ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { awsCall, s3Arn } from "@/lib/aws/errors";
import type { BackendContext } from "./context";

export type ObjectPresence = { state: "present"; versionId: string; lastModified: string | null; size: number | null } | { state: "deleted"; lastModified: string | null } | { state: "absent" };

/**
 * Newest entry of exactly `key` in the version listing: the listing is ordered by key, then newest
 * first, and `key` sorts before every longer key it prefixes (.tflock), so one entry is enough.
 */
export async function keyPresence(ctx: BackendContext, key: string): Promise<ObjectPresence> {
  const { bucket } = ctx.def.options;
  const r = await awsCall({ action: "s3:ListBucketVersions", resource: s3Arn(bucket), bucket }, () =>
    ctx.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, MaxKeys: 1 })),
  );
  const marker = r.DeleteMarkers?.find((m) => m.Key === key && m.IsLatest);
  if (marker) return { state: "deleted", lastModified: marker.LastModified?.toISOString() ?? null };
  const v = r.Versions?.find((x) => x.Key === key && x.IsLatest);
  if (v) return { state: "present", versionId: v.VersionId ?? "null", lastModified: v.LastModified?.toISOString() ?? null, size: v.Size ?? null };
  return { state: "absent" };
}
