import "server-only";
/** The S3 lock object `<key>.tflock` holding the LockInfo JSON, created with If-None-Match: * (DESIGN.md "S3 lock object"). */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { sseCustomerParams, usesCustomerKey } from "@/lib/aws/clients";
import { awsCall, s3Arn } from "@/lib/aws/errors";
import { lockKeyFor } from "@/lib/backend/keys";
import { objectPutParams } from "@/lib/backend/put-params";
import type { LockRecord } from "@/lib/backend/types";
import { s3LockfileFacts } from "@/lib/browser-safe/lock-kinds";
import { NotFoundError } from "@/lib/errors";
import { mapLimit } from "@/lib/util/map-limit";
import type { LockKindDescriptor } from "./kind";
import { parsedLockInfo } from "./record";

const LOCK_READ_PARALLEL = 16;

export function s3LockRecord(bucket: string, lockKey: string, raw: string, etag?: string, lastModified?: Date): LockRecord {
  return {
    kind: "s3",
    location: `s3://${bucket}/${lockKey}`,
    raw,
    ...parsedLockInfo(raw),
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified: lastModified.toISOString() } : {}),
  };
}

export const s3LockfileLock: LockKindDescriptor<"s3"> = {
  ...s3LockfileFacts,
  auditName: "s3",
  listingWhat: "S3 lock objects",

  /** Read with the state's SSE-C key: the tools write it so. */
  async read(ctx, stateObjectKey) {
    const { bucket } = ctx.def.options;
    const lockKey = lockKeyFor(stateObjectKey);
    const sse = sseCustomerParams(ctx.def.options);
    try {
      const res = await awsCall(
        { action: "s3:GetObject", resource: s3Arn(bucket, lockKey), bucket, sseCustomerKey: sse.SSECustomerKey !== undefined },
        () => ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: lockKey, ...sse })),
      );
      const raw = res.Body ? await res.Body.transformToString("utf-8") : "";
      return s3LockRecord(bucket, lockKey, raw, res.ETag, res.LastModified);
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
  },

  /** Only the `.tflock` objects the listing saw are read: one GetObject each. */
  async readMany(ctx, stateObjectKeys, listedLockObjects) {
    const keys = stateObjectKeys.filter((k) => listedLockObjects.has(k));
    const found = await mapLimit(keys, LOCK_READ_PARALLEL, (k) => s3LockfileLock.read(ctx, k));
    const out = new Map<string, LockRecord>();
    found.forEach((r, i) => r && out.set(keys[i]!, r));
    return out;
  },

  async put(ctx, stateObjectKey, encodedInfo) {
    const o = ctx.def.options;
    await ctx.s3.send(new PutObjectCommand({ Bucket: o.bucket, Key: lockKeyFor(stateObjectKey), Body: encodedInfo, IfNoneMatch: "*", ...objectPutParams(o) }));
  },

  async remove(ctx, stateObjectKey, current) {
    await ctx.s3.send(new DeleteObjectCommand({ Bucket: ctx.def.options.bucket, Key: lockKeyFor(stateObjectKey), IfMatch: current.etag }));
  },

  callInfo(ctx, op, stateObjectKey) {
    const { bucket } = ctx.def.options;
    return { action: `s3:${op === "put" ? "PutObject" : "DeleteObject"}`, resource: s3Arn(bucket, lockKeyFor(stateObjectKey)), bucket, sseCustomerKey: usesCustomerKey(ctx.def.options) };
  },

  /**
   * Always granted, even when the backend uses only DynamoDB: a .tflock left by a run with
   * use_lockfile still blocks the tools that have it on, so its holder is read and shown.
   */
  iam(o, level, stateKeys) {
    return {
      Sid: level === "admin" ? "ReadAndWriteLockfiles" : "ReadLockfiles",
      Action: level === "admin" ? ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] : ["s3:GetObject"],
      Resource: stateKeys.map((k) => s3Arn(o.bucket, lockKeyFor(k))),
    };
  },

  accessProbes: () => [],
};
