import "server-only";
/**
 * The DynamoDB digest item (`<bucket>/<key>-md5`, attribute `Digest`): the MD5 the tools expect the
 * current state object to have. A mismatch makes terraform/tofu refuse to read the state.
 */
import { createHash } from "node:crypto";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { NotFoundError } from "@/lib/errors";
import { awsCall, dynamoArn, s3Arn } from "@/lib/aws/errors";
import { sseCustomerParams } from "@/lib/aws/clients";
import type { BackendContext } from "./context";
import { digestIdFor } from "./keys";
import { batchGetLockTableItems } from "./lock-table-batch";
import { headCurrentObject, readObject } from "./versions";
import type { DigestStatus } from "./types";

export function md5Hex(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** The tools decode the digest as hex of an MD5; anything else is skipped by them ("malformed"). */
export const MD5_HEX = /^[0-9a-fA-F]{32}$/;
/** A single-part upload without SSE-KMS/SSE-C has the MD5 of its bytes as ETag. */
export const PLAIN_MD5_ETAG = /^"?([0-9a-f]{32})"?$/;

/** The stored digest, or null when the item or its Digest attribute is absent. */
export async function readDigest(ctx: BackendContext, objectKey: string): Promise<string | null> {
  const { bucket, dynamodb_table: table } = ctx.def.options;
  if (!ctx.ddb || !table) return null;
  const ddb = ctx.ddb;
  const res = await awsCall({ action: "dynamodb:GetItem", resource: dynamoArn(table) }, () =>
    ddb.send(new GetItemCommand({ TableName: table, Key: { LockID: { S: digestIdFor(bucket, objectKey) } }, ConsistentRead: true, ProjectionExpression: "Digest" })),
  );
  return res.Item?.Digest?.S ?? null;
}

/** The stored digests of many state objects (BatchGetItem, 100 a call), by object key; absent ones are not in the map. */
export async function readDigests(ctx: BackendContext, objectKeys: readonly string[]): Promise<Map<string, string>> {
  const { bucket } = ctx.def.options;
  const keyById = new Map(objectKeys.map((k) => [digestIdFor(bucket, k), k]));
  const items = await batchGetLockTableItems(ctx, [...keyById.keys()], ["Digest"]);
  const out = new Map<string, string>();
  for (const [id, item] of items) {
    const key = keyById.get(id);
    const digest = item.Digest?.S;
    if (key !== undefined && digest) out.set(key, digest);
  }
  return out;
}

/** Writes the digest item after a state write, as the tools do. */
export async function writeDigest(ctx: BackendContext, objectKey: string, bytes: Uint8Array): Promise<string> {
  const { bucket, dynamodb_table: table } = ctx.def.options;
  const digest = md5Hex(bytes);
  if (!ctx.ddb || !table) return digest;
  const ddb = ctx.ddb;
  await awsCall({ action: "dynamodb:PutItem", resource: dynamoArn(table) }, () =>
    ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: digestIdFor(bucket, objectKey) }, Digest: { S: digest } } })),
  );
  return digest;
}

/** MD5 of the current object: from its ETag when that is a plain MD5, else by reading it. Null when absent. */
export async function currentObjectMd5(ctx: BackendContext, objectKey: string): Promise<string | null> {
  const { bucket } = ctx.def.options;
  const sse = sseCustomerParams(ctx.def.options);
  const info = { action: "s3:GetObject", resource: s3Arn(bucket, objectKey), bucket, sseCustomerKey: sse.SSECustomerKey !== undefined };
  try {
    const head = await awsCall(info, () => headCurrentObject(ctx, objectKey));
    const plain = PLAIN_MD5_ETAG.exec(head.ETag ?? "");
    if (plain && !head.SSECustomerAlgorithm && !head.ServerSideEncryption?.startsWith("aws:kms")) return plain[1]!;
    return md5Hex((await readObject(ctx, objectKey, head.VersionId)).bytes);
  } catch (e) {
    if (e instanceof NotFoundError) return null;
    throw e;
  }
}

export function explainDigest(digest: string, actual: string | null): DigestStatus {
  if (digest === actual) return { status: "match", digest };
  const explanation =
    actual === null
      ? `The lock table holds digest ${digest} but the state object does not exist; terraform will refuse to read until it matches — an admin can repair it (Lock tab, or statehouse repair-digest).`
      : `Digest ${digest} was written for another version; the current object has MD5 ${actual}; terraform will refuse to read until it matches — an admin can repair it (Lock tab, or statehouse repair-digest).`;
  return { status: "mismatch", digest, actual, explanation };
}

export async function readDigestStatus(ctx: BackendContext, objectKey: string): Promise<DigestStatus> {
  if (!ctx.ddb || !ctx.def.options.dynamodb_table) return { status: "no-table" };
  const digest = await readDigest(ctx, objectKey);
  if (digest === null || digest === "") return { status: "absent" };
  if (!MD5_HEX.test(digest)) return { status: "malformed", digest };
  return explainDigest(digest.toLowerCase(), await currentObjectMd5(ctx, objectKey));
}
