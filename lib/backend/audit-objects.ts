import "server-only";
/**
 * The S3 side of the audit trail (and of the session revocations kept under its prefix): one
 * client per audit location, and the few object calls the trail needs. Never overwrites an event.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createClients } from "@/lib/aws/clients";
import { awsCall, s3Arn } from "@/lib/aws/errors";
import { auditBackendOptions, type AuditS3Config } from "@/lib/audit/config";

export interface AuditStore {
  s3: S3Client;
  bucket: string;
  prefix: string;
}

// One client per distinct location for the life of the process (sockets are pooled per client).
const stores = new Map<string, AuditStore>();

export function openAuditStore(config: AuditS3Config): AuditStore {
  const id = JSON.stringify(config);
  let store = stores.get(id);
  if (!store) {
    store = { s3: createClients(auditBackendOptions(config)).s3, bucket: config.bucket, prefix: config.prefix };
    stores.set(id, store);
  }
  return store;
}

/** One page of a listing under `prefix` (with `delimiter`: the common prefixes). */
export async function listAuditPage(
  store: AuditStore,
  prefix: string,
  opts: { delimiter?: string; token?: string },
): Promise<{ prefixes: string[]; keys: string[]; nextToken: string | undefined }> {
  const page = await awsCall({ action: "s3:ListBucket", resource: s3Arn(store.bucket), bucket: store.bucket }, () =>
    store.s3.send(new ListObjectsV2Command({ Bucket: store.bucket, Prefix: prefix, Delimiter: opts.delimiter, ContinuationToken: opts.token })),
  );
  return {
    prefixes: (page.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [p.Prefix] : [])),
    keys: (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])),
    nextToken: page.NextContinuationToken,
  };
}

/** The object's body as text; NotFoundError when it does not exist. */
export async function readAuditObject(store: AuditStore, key: string): Promise<string> {
  const res = await awsCall({ action: "s3:GetObject", resource: s3Arn(store.bucket, key), bucket: store.bucket }, () =>
    store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: key })),
  );
  return (await res.Body?.transformToString("utf-8")) ?? "";
}

/** Writes a JSON object; `createOnly` adds If-None-Match: * so an existing object is never replaced. */
export async function writeAuditObject(store: AuditStore, key: string, body: string, opts: { createOnly: boolean }): Promise<void> {
  await awsCall({ action: "s3:PutObject", resource: s3Arn(store.bucket, key), bucket: store.bucket }, () =>
    store.s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: body, ContentType: "application/json", ...(opts.createOnly ? { IfNoneMatch: "*" } : {}) })),
  );
}
