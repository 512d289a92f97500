import "server-only";
/**
 * Raw reads for the problems view: whether a lifecycle rule expires noncurrent versions
 * (GetBucketLifecycleConfiguration), and one pass of ListObjectVersions over a backend's state keys
 * giving the noncurrent count and bytes, deleted keys and each key's previous version. That pass
 * costs a page per 1,000 versions: the problems view pays for history, the listings never do.
 */
import { GetBucketLifecycleConfigurationCommand, HeadBucketCommand, ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { awsCall, mapAwsError, s3Arn } from "@/lib/aws/errors";
import type { BackendContext } from "./context";

/** Whether the bucket answers at all (readiness): one HeadBucket, given up after `timeoutMs`. */
export async function headBucket(ctx: BackendContext, timeoutMs: number): Promise<void> {
  const { bucket } = ctx.def.options;
  await awsCall({ action: "s3:ListBucket", resource: s3Arn(bucket), bucket }, () =>
    ctx.s3.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: AbortSignal.timeout(timeoutMs) }),
  );
}

/** True when an enabled rule expires noncurrent versions; false when there is none (or no configuration). */
export async function hasNoncurrentExpiration(ctx: BackendContext): Promise<boolean> {
  const { bucket } = ctx.def.options;
  const info = { action: "s3:GetLifecycleConfiguration", resource: s3Arn(bucket), bucket };
  try {
    const res = await ctx.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    return (res.Rules ?? []).some((r) => r.Status === "Enabled" && (r.NoncurrentVersionExpiration?.NoncurrentDays !== undefined || r.NoncurrentVersionExpiration?.NewerNoncurrentVersions !== undefined));
  } catch (e) {
    if ((e as { name?: string }).name === "NoSuchLifecycleConfiguration") return false;
    throw mapAwsError(e, info);
  }
}

export interface KeyHistory {
  /** Newest noncurrent object version (not a delete marker). */
  previous: { versionId: string; lastModified: string } | null;
  /** The latest version is a delete marker. */
  deleted: boolean;
  /** This key's noncurrent object versions (delete markers not counted), and their bytes. */
  noncurrentCount: number;
  noncurrentBytes: number;
}

export interface VersionStats {
  noncurrentCount: number;
  noncurrentBytes: number;
  /** Per state key (only keys `accept` took). */
  keys: Map<string, KeyHistory>;
}

/** Every version under `prefix` (undefined: the whole bucket) of the keys `accept` takes. */
export async function versionStats(ctx: BackendContext, prefix: string | undefined, accept: (key: string) => boolean): Promise<VersionStats> {
  const { bucket } = ctx.def.options;
  const stats: VersionStats = { noncurrentCount: 0, noncurrentBytes: 0, keys: new Map() };
  const entry = (key: string) => {
    let h = stats.keys.get(key);
    if (!h) stats.keys.set(key, (h = { previous: null, deleted: false, noncurrentCount: 0, noncurrentBytes: 0 }));
    return h;
  };
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await awsCall({ action: "s3:ListBucketVersions", resource: s3Arn(bucket), bucket }, () =>
      ctx.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker })),
    );
    for (const v of page.Versions ?? []) {
      if (v.Key === undefined || !accept(v.Key)) continue;
      const h = entry(v.Key);
      if (v.IsLatest) continue;
      stats.noncurrentCount++;
      stats.noncurrentBytes += v.Size ?? 0;
      h.noncurrentCount++;
      h.noncurrentBytes += v.Size ?? 0;
      // Versions of a key come newest first, so the first noncurrent one is the previous state.
      if (!h.previous) h.previous = { versionId: v.VersionId ?? "null", lastModified: (v.LastModified ?? new Date(0)).toISOString() };
    }
    for (const m of page.DeleteMarkers ?? []) if (m.Key !== undefined && m.IsLatest && accept(m.Key)) entry(m.Key).deleted = true;
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker !== undefined);
  return stats;
}
