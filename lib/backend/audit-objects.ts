import "server-only";
import type { S3Client } from "@aws-sdk/client-s3";
import { createClients } from "@/lib/aws/clients";
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
