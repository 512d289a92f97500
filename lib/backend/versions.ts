import "server-only";
/**
 * Bucket versioning, the version history of one workspace's state, and reading a state object
 * (current or any prior version) the way the backend reads it: HeadObject then GetObject.
 */
import {
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  type DeleteMarkerEntry,
  type GetObjectCommandOutput,
  type HeadObjectCommandOutput,
  type ListObjectVersionsCommandOutput,
  type ObjectVersion,
} from "@aws-sdk/client-s3";
import { BucketMissingError, NotFoundError, TooLargeError, type StatehouseError } from "@/lib/errors";
import { awsCall, isDeleteMarkerError, isMissingObject, mapAwsError, s3Arn, type AwsCallInfo } from "@/lib/aws/errors";
import { sseCustomerParams } from "@/lib/aws/clients";
import type { BackendContext } from "./context";
import { parseByteSize } from "@/lib/config/byte-size";
import { stateKey } from "./keys";
import type { StateVersion, VersioningState } from "./types";

/**
 * The largest state read when the backend sets no `max_state_size`: STATEHOUSE_MAX_STATE_SIZE
 * (bytes or "1GiB"), else 512 MiB. Reading a state costs about 3× its size in memory
 * (docs/PERFORMANCE.md), so a limit gives a clear TOO_LARGE error where an out-of-memory kill would
 * take the whole server down.
 */
export const DEFAULT_MAX_STATE_BYTES = 512 * 1024 * 1024;

export function maxStateBytes(ctx: BackendContext): number {
  if (ctx.def.maxStateBytes !== undefined) return ctx.def.maxStateBytes;
  const env = process.env.STATEHOUSE_MAX_STATE_SIZE;
  return env ? parseByteSize(env, "STATEHOUSE_MAX_STATE_SIZE") : DEFAULT_MAX_STATE_BYTES;
}

export async function getVersioning(ctx: BackendContext): Promise<VersioningState> {
  const { bucket } = ctx.def.options;
  const res = await awsCall({ action: "s3:GetBucketVersioning", resource: s3Arn(bucket), bucket }, () =>
    ctx.s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
  );
  return res.Status === "Enabled" || res.Status === "Suspended" ? res.Status : "Disabled";
}

/** One ListObjectVersions page's entries of exactly `key`, and whether the page went past it. */
function entriesOfKey(page: ListObjectVersionsCommandOutput, key: string): { entries: StateVersion[]; passedKey: boolean } {
  let passedKey = false;
  const entries: StateVersion[] = [];
  const all: (ObjectVersion | (DeleteMarkerEntry & { marker: true }))[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? []).map((m) => ({ ...m, marker: true as const }))];
  for (const v of all) {
    if (v.Key !== key) {
      passedKey = true;
      continue;
    }
    const isDeleteMarker = "marker" in v;
    entries.push({
      versionId: v.VersionId ?? "null",
      isLatest: v.IsLatest === true,
      isDeleteMarker,
      size: isDeleteMarker ? null : (v.Size ?? null),
      lastModified: (v.LastModified ?? new Date(0)).toISOString(),
      etag: isDeleteMarker ? null : (v.ETag ?? null),
    });
  }
  return { entries, passedKey };
}

/**
 * S3 lists each key's versions newest first, but versions and delete markers come in two lists:
 * the current one first, then newest first (a stable sort: versions of one second keep S3's order).
 */
export function sortNewestFirst(versions: StateVersion[]): StateVersion[] {
  return versions.sort((a, b) => Number(b.isLatest) - Number(a.isLatest) || (a.lastModified < b.lastModified ? 1 : a.lastModified > b.lastModified ? -1 : 0));
}

function listPage(ctx: BackendContext, key: string, marker: { keyMarker?: string; versionIdMarker?: string }, maxKeys?: number): Promise<ListObjectVersionsCommandOutput> {
  const { bucket } = ctx.def.options;
  return awsCall({ action: "s3:ListBucketVersions", resource: s3Arn(bucket), bucket }, () =>
    ctx.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, KeyMarker: marker.keyMarker, VersionIdMarker: marker.versionIdMarker, MaxKeys: maxKeys })),
  );
}

/**
 * Every version of exactly `key`, newest first, delete markers included.
 * The listing prefix also matches `<key>.tflock`, `<key>.backup` and any longer key; those sort
 * after `key` itself (it is their prefix), so paging stops at the first other key.
 */
export async function listObjectVersions(ctx: BackendContext, key: string): Promise<StateVersion[]> {
  const found: StateVersion[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await listPage(ctx, key, { keyMarker, versionIdMarker });
    const { entries, passedKey } = entriesOfKey(page, key);
    found.push(...entries);
    if (passedKey || !page.IsTruncated) break;
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
  }
  return sortNewestFirst(found);
}

export interface NewestVersions {
  /** The newest entries of `key`, newest first. */
  versions: StateVersion[];
  /** The oldest entry of the page when the history goes on past it (S3's NextVersionIdMarker); null when `versions` is the whole history. */
  boundary: string | null;
}

/** The newest `maxKeys` entries of exactly `key`: one ListObjectVersions page. */
export async function listNewestVersions(ctx: BackendContext, key: string, maxKeys: number): Promise<NewestVersions> {
  const page = await listPage(ctx, key, {}, maxKeys);
  const { entries, passedKey } = entriesOfKey(page, key);
  const more = !passedKey && page.IsTruncated === true && page.NextKeyMarker === key && page.NextVersionIdMarker !== undefined;
  return { versions: sortNewestFirst(entries), boundary: more ? page.NextVersionIdMarker! : null };
}

/** What a HeadObject of the current object says about the newest entry of a key's history. */
export type CurrentVersionTag =
  | { state: "present"; versionId: string; etag: string | null; lastModified: string | null; size: number | null }
  /** The current version is a delete marker; its version ID when S3 sent it. */
  | { state: "deleted"; versionId: string | null }
  | { state: "absent" };

const headsInFlight = new WeakMap<BackendContext, Map<string, Promise<HeadObjectCommandOutput>>>();

/**
 * HeadObject of the current object of `key`, shared with callers whose identical request is still in flight: one
 * workspace page asks up to four times at once (header presence, the state read's validator, the digest check, the
 * Versions list's check). Nothing is kept once answered, so the next load always asks S3 again.
 */
export function headCurrentObject(ctx: BackendContext, key: string): Promise<HeadObjectCommandOutput> {
  let mine = headsInFlight.get(ctx);
  if (!mine) headsInFlight.set(ctx, (mine = new Map()));
  const inFlight = mine;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const p = ctx.s3.send(new HeadObjectCommand({ Bucket: ctx.def.options.bucket, Key: key, ...sseCustomerParams(ctx.def.options) })).finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

/** The current entry of `key` by one HeadObject (no listing, whatever the history's length). */
export async function currentVersionTag(ctx: BackendContext, key: string): Promise<CurrentVersionTag> {
  const { bucket } = ctx.def.options;
  try {
    const head = await headCurrentObject(ctx, key);
    return { state: "present", versionId: head.VersionId ?? "null", etag: head.ETag ?? null, lastModified: head.LastModified?.toISOString() ?? null, size: head.ContentLength ?? null };
  } catch (err) {
    if (isDeleteMarkerError(err)) return { state: "deleted", versionId: (err as { $response?: { headers?: Record<string, string> } }).$response?.headers?.["x-amz-version-id"] ?? null };
    if (isMissingObject(err)) return { state: "absent" };
    throw mapAwsError(err, { action: "s3:GetObject", bucket, resource: s3Arn(bucket, key) });
  }
}

/** Whether one version (or delete marker) of `key` still exists: one HeadObject of that version. */
export async function versionExists(ctx: BackendContext, key: string, versionId: string): Promise<boolean> {
  const { bucket } = ctx.def.options;
  try {
    await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, ...sseCustomerParams(ctx.def.options) }));
    return true;
  } catch (err) {
    // HEAD of a delete marker's version is refused (405) with the marker header: it exists.
    if (isDeleteMarkerError(err)) return true;
    if (isMissingObject(err)) return false;
    throw mapAwsError(err, { action: "s3:GetObject", bucket, resource: s3Arn(bucket, key) });
  }
}

/**
 * The history of a workspace's state. With versioning "Disabled" the list holds just the current
 * object (version ID "null"), so the UI can say that no history is kept.
 */
export async function listVersions(ctx: BackendContext, workspace: string): Promise<{ versioning: VersioningState; versions: StateVersion[] }> {
  const key = stateKey(ctx.def.options, workspace);
  const [versioning, versions] = await Promise.all([getVersioning(ctx), listObjectVersions(ctx, key)]);
  return { versioning, versions };
}

export interface StateObject {
  bytes: Uint8Array;
  /** "null" when the bucket has never had versioning. */
  versionId: string;
  /** As S3 returns it, quoted: usable in If-Match. */
  etag: string;
  lastModified: string;
  size: number;
  metadata: Record<string, string>;
  /** "AES256" / "aws:kms" / "aws:kms:dsse", or "SSE-C" for a customer key. */
  encryption: string | null;
}

async function headAt(ctx: BackendContext, key: string, versionId: string | undefined, info: AwsCallInfo): Promise<HeadObjectCommandOutput> {
  const { bucket } = ctx.def.options;
  try {
    return await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, ...sseCustomerParams(ctx.def.options) }));
  } catch (err) {
    if (isDeleteMarkerError(err)) {
      throw new NotFoundError(`${versionId ? `Version ${versionId} of ` : ""}s3://${bucket}/${key} is a delete marker: the state was deleted${versionId ? " in this version" : ""}.`, {
        bucket,
        key,
        versionId,
        deleteMarker: true,
      });
    }
    const mapped = mapAwsError(err, info);
    if (mapped instanceof NotFoundError) throw await missingBucketOr(ctx, key, versionId, info, mapped);
    throw mapped;
  }
}

/**
 * A HEAD answers 404 without a body, so a missing bucket looks like a missing object. A GET of the
 * same object (one byte, same permission s3:GetObject) has a body naming the difference.
 */
async function missingBucketOr(ctx: BackendContext, key: string, versionId: string | undefined, info: AwsCallInfo, notFound: NotFoundError): Promise<StatehouseError> {
  const { bucket } = ctx.def.options;
  try {
    const res = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, Range: "bytes=0-0", ...sseCustomerParams(ctx.def.options) }));
    // Written meanwhile: the HEAD's answer stands (the caller retries); drain the byte to free the socket.
    await res.Body?.transformToByteArray();
  } catch (err) {
    const mapped = mapAwsError(err, info);
    if (mapped instanceof BucketMissingError) return mapped;
  }
  return notFound;
}

/**
 * HeadObject of a version. "null" is a real S3 version ID (an object written while versioning was
 * off); when it is the current object it is addressed without a version ID, which every
 * S3 implementation accepts.
 */
async function headObject(ctx: BackendContext, key: string, versionId: string | undefined, info: AwsCallInfo): Promise<HeadObjectCommandOutput> {
  if (versionId !== "null") return headAt(ctx, key, versionId, info);
  const current = await headAt(ctx, key, undefined, info);
  return current.VersionId === undefined || current.VersionId === "null" ? current : headAt(ctx, key, "null", info);
}

/** How a read may go: a size limit other than the backend's; `onChunk` sees each piece of the body as it arrives. */
export interface ReadOptions {
  maxBytes?: number;
  /** `size`: the object's, as HeadObject gave it. */
  onChunk?: (chunk: Uint8Array, size: number) => Promise<void>;
}

/**
 * The body. With `onChunk`, each piece is handed on as it arrives (an encrypted state decrypts meanwhile) and the
 * pieces are joined only if somebody asks for the bytes: a state decrypted on the way never needs its envelope whole.
 */
async function bodyBytes(body: GetObjectCommandOutput["Body"], size: number, onChunk: ReadOptions["onChunk"]): Promise<{ length: number; bytes: () => Uint8Array }> {
  if (!body) return { length: 0, bytes: () => new Uint8Array() };
  if (!onChunk || !(Symbol.asyncIterator in body)) {
    const whole = await body.transformToByteArray();
    return { length: whole.length, bytes: () => whole };
  }
  let chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    await onChunk(chunk, size);
  }
  let whole: Uint8Array | undefined;
  return {
    length,
    bytes: () => {
      whole ??= chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
      chunks = [];
      return whole;
    },
  };
}

/**
 * Reads one object (HeadObject, then GetObject of that very version), refusing anything over
 * `maxBytes` before downloading it. A delete marker is a NotFoundError that says so.
 */
export async function readObject(ctx: BackendContext, key: string, versionId?: string, opts: ReadOptions = {}): Promise<StateObject> {
  const { bucket } = ctx.def.options;
  const sse = sseCustomerParams(ctx.def.options);
  const info: AwsCallInfo = { action: "s3:GetObject", bucket, resource: s3Arn(bucket, key), sseCustomerKey: sse.SSECustomerKey !== undefined };
  const head = await headObject(ctx, key, versionId, info);
  const size = head.ContentLength ?? 0;
  const limit = opts.maxBytes ?? maxStateBytes(ctx);
  if (size > limit) throw new TooLargeError(`s3://${bucket}/${key}`, size, limit);
  const got = await awsCall(info, async () => {
    const res = await ctx.s3.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        // Pin what HeadObject saw, so a concurrent write cannot swap the object between the calls.
        VersionId: head.VersionId,
        IfMatch: head.ETag,
        ...sse,
      }),
    );
    return { res, body: await bodyBytes(res.Body, size, opts.onChunk) };
  });
  if (got.body.length > limit) throw new TooLargeError(`s3://${bucket}/${key}`, got.body.length, limit);
  return {
    get bytes() {
      return got.body.bytes();
    },
    versionId: got.res.VersionId ?? head.VersionId ?? "null",
    etag: got.res.ETag ?? head.ETag ?? "",
    lastModified: (got.res.LastModified ?? head.LastModified ?? new Date(0)).toISOString(),
    size: got.body.length,
    metadata: got.res.Metadata ?? {},
    encryption: got.res.SSECustomerAlgorithm ? "SSE-C" : (got.res.ServerSideEncryption ?? null),
  };
}

/** The state of a workspace, current or at `versionId`. */
export function readStateObject(ctx: BackendContext, workspace: string, versionId?: string, opts: ReadOptions = {}): Promise<StateObject> {
  return readObject(ctx, stateKey(ctx.def.options, workspace), versionId, opts);
}

/**
 * Version ID and ETag of the current object (one HeadObject, no download), or null when the HEAD
 * fails for any reason: the caller then reads the object, whose error says why.
 */
export async function currentObjectTag(ctx: BackendContext, key: string): Promise<{ versionId: string | undefined; etag: string } | null> {
  try {
    const head = await headCurrentObject(ctx, key);
    return head.ETag ? { versionId: head.VersionId, etag: head.ETag } : null;
  } catch {
    return null;
  }
}
