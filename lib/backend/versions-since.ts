import "server-only";
/**
 * Pages of one state key's versions, newest first, that stop early: down to a time (stopping at the
 * first version older than the window, kept: it is what the oldest in-window version is compared
 * with), or a bounded page after a given version (a history read in batches). Lists only; never reads an object.
 */
import { ListObjectVersionsCommand, type ListObjectVersionsCommandOutput } from "@aws-sdk/client-s3";
import { awsCall, s3Arn } from "@/lib/aws/errors";
import type { BackendContext } from "./context";
import type { StateVersion } from "./types";

/** Small pages: a short window costs one short page, not a thousand entries per key. */
const PAGE = 50;

export interface VersionsSince {
  /** Written at or after `since`, newest first (delete markers included). */
  inWindow: StateVersion[];
  /** The newest version older than the window, if any. */
  before: StateVersion | null;
}

function listPage(ctx: BackendContext, key: string, keyMarker: string | undefined, versionIdMarker: string | undefined, maxKeys: number): Promise<ListObjectVersionsCommandOutput> {
  const { bucket } = ctx.def.options;
  return awsCall({ action: "s3:ListBucketVersions", resource: s3Arn(bucket), bucket }, () =>
    ctx.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker, MaxKeys: maxKeys })),
  );
}

/** The page's entries of exactly `key`, newest first, and whether the listing went past the key (longer keys sort after it). */
function pageEntries(page: ListObjectVersionsCommandOutput, key: string): { entries: StateVersion[]; passedKey: boolean } {
  const entries: StateVersion[] = [
    ...(page.Versions ?? []).filter((v) => v.Key === key).map((v) => ({ v, marker: false })),
    ...(page.DeleteMarkers ?? []).filter((v) => v.Key === key).map((v) => ({ v, marker: true })),
  ].map(({ v, marker }) => ({
    versionId: v.VersionId ?? "null",
    isLatest: v.IsLatest === true,
    isDeleteMarker: marker,
    size: marker ? null : ((v as { Size?: number }).Size ?? null),
    lastModified: (v.LastModified ?? new Date(0)).toISOString(),
    etag: marker ? null : ((v as { ETag?: string }).ETag ?? null),
  }));
  // Versions and delete markers come in two lists: one page is merged newest first.
  entries.sort((a, b) => Number(b.isLatest) - Number(a.isLatest) || (a.lastModified < b.lastModified ? 1 : a.lastModified > b.lastModified ? -1 : 0));
  const passedKey = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].some((v) => v.Key !== key);
  return { entries, passedKey };
}

export async function listVersionsSince(ctx: BackendContext, key: string, since: Date): Promise<VersionsSince> {
  const sinceIso = since.toISOString();
  const inWindow: StateVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await listPage(ctx, key, keyMarker, versionIdMarker, PAGE);
    const { entries, passedKey } = pageEntries(page, key);
    for (const e of entries) {
      if (e.lastModified < sinceIso) return { inWindow, before: e };
      inWindow.push(e);
    }
    if (passedKey || !page.IsTruncated) return { inWindow, before: null };
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
  }
}

/**
 * Up to `max` versions of `key` older than `afterVersionId` (one of its versions), newest first:
 * one ListObjectVersions call (S3 returns at most 1,000). `more` says whether older ones remain.
 */
export async function listVersionsAfter(ctx: BackendContext, key: string, afterVersionId: string, max: number): Promise<{ versions: StateVersion[]; more: boolean }> {
  const page = await listPage(ctx, key, key, afterVersionId, Math.max(1, Math.min(1000, max)));
  const { entries, passedKey } = pageEntries(page, key);
  return { versions: entries, more: !passedKey && page.IsTruncated === true };
}
