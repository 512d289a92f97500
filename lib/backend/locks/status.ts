import "server-only";
/**
 * Who holds a workspace's lock, in both places the tools lock: the DynamoDB item
 * `LockID = <bucket>/<key>` and the S3 object `<key>.tflock`. Both are read whatever the current
 * options say, because a lock taken under an older configuration still blocks the tools.
 */
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { NotFoundError, type LockHolder } from "@/lib/errors";
import { awsCall, dynamoArn, s3Arn } from "@/lib/aws/errors";
import { sseCustomerParams } from "@/lib/aws/clients";
import type { BackendContext } from "@/lib/backend/context";
import { lockIdFor, lockKeyFor, stateKey } from "@/lib/backend/keys";
import { parseLockInfo } from "@/lib/gocompat/lockinfo";
import { readDigestStatus } from "@/lib/backend/digest";
import type { LockInfo, LockRecord, LockStatus } from "@/lib/backend/types";

function parsed(raw: string): { info: LockInfo | null; parseError?: string } {
  try {
    return { info: parseLockInfo(raw) };
  } catch (e) {
    return { info: null, parseError: (e as Error).message };
  }
}

export function dynamoLockRecord(table: string, lockId: string, raw: string): LockRecord {
  return { kind: "dynamodb", location: `${table}: LockID=${lockId}`, raw, ...parsed(raw) };
}

export function s3LockRecord(bucket: string, lockKey: string, raw: string, etag?: string, lastModified?: Date): LockRecord {
  return {
    kind: "s3",
    location: `s3://${bucket}/${lockKey}`,
    raw,
    ...parsed(raw),
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified: lastModified.toISOString() } : {}),
  };
}

/** The holder as shown in lists and LockedError; an unparseable lock still counts as held. */
export function lockHolder(record: LockRecord): LockHolder {
  const i = record.info;
  return {
    kind: record.kind,
    id: i?.ID ?? "",
    who: i?.Who || "(unreadable lock info)",
    operation: i?.Operation ?? "",
    created: i?.Created ?? record.lastModified ?? "",
  };
}

/** The DynamoDB lock item of a state key, or null. */
export async function readDynamoLock(ctx: BackendContext, objectKey: string): Promise<LockRecord | null> {
  const { bucket, dynamodb_table: table } = ctx.def.options;
  if (!ctx.ddb || !table) return null;
  const ddb = ctx.ddb;
  const lockId = lockIdFor(bucket, objectKey);
  const res = await awsCall({ action: "dynamodb:GetItem", resource: dynamoArn(table) }, () =>
    ddb.send(new GetItemCommand({ TableName: table, Key: { LockID: { S: lockId } }, ConsistentRead: true })),
  );
  if (!res.Item) return null;
  return dynamoLockRecord(table, lockId, res.Item.Info?.S ?? "");
}

/** The `.tflock` object of a state key, or null. Read with the state's SSE-C key: the tools write it so. */
export async function readS3Lock(ctx: BackendContext, objectKey: string): Promise<LockRecord | null> {
  const { bucket } = ctx.def.options;
  const lockKey = lockKeyFor(objectKey);
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
}

export async function readLockStatus(ctx: BackendContext, workspace: string): Promise<LockStatus> {
  const key = stateKey(ctx.def.options, workspace);
  const [s3Lock, dynamoLock, digest] = await Promise.all([readS3Lock(ctx, key), readDynamoLock(ctx, key), readDigestStatus(ctx, key)]);
  const locks = [s3Lock, dynamoLock].filter((l): l is LockRecord => l !== null);
  return { locks, digest };
}
