import "server-only";
/**
 * The newest versions of one state key down to a time: ListObjectVersions newest first, stopping at
 * the first version older than the window (kept: it is what the oldest in-window version is compared
 * with). Lists only; never reads an object.
 */
import { ListObjectVersionsCommand } from "@aws-sdk/client-s3";
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

export async function listVersionsSince(ctx: BackendContext, key: string, since: Date): Promise<VersionsSince> {
  const { bucket } = ctx.def.options;
  const sinceIso = since.toISOString();
  const inWindow: StateVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await awsCall({ action: "s3:ListBucketVersions", resource: s3Arn(bucket), bucket }, () =>
      ctx.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker, MaxKeys: PAGE })),
    );
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
    for (const e of entries) {
      if (e.lastModified < sinceIso) return { inWindow, before: e };
      inWindow.push(e);
    }
    const passedKey = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].some((v) => v.Key !== key);
    if (passedKey || !page.IsTruncated) return { inWindow, before: null };
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
  }
}
