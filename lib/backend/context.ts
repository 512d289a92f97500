import "server-only";
/**
 * An opened backend: its definition plus the AWS clients for it, cached per process so that
 * every request reuses the same connection pools and credential caches.
 */
import { createHash } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { BackendDefinition } from "@/lib/config/types";
import { createClients } from "@/lib/aws/clients";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";

export interface BackendContext {
  def: BackendDefinition;
  s3: S3Client;
  /** Null when the backend has no dynamodb_table. */
  ddb: DynamoDBClient | null;
  /**
   * The backend's name and a hash of its options: the key of per-backend caches (listings, problem memos). One
   * context per name and options, so it is stable per backend, differs when either changes, and holds no secret.
   */
  cacheKey: string;
}

// Evicted contexts are not destroyed: a request may still be using one; its idle sockets close with the agent.
const open = createCache<string, BackendContext>(CACHE_POLICIES.openBackends);

/** Key order is normalised so that equal options always hash alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function openBackend(def: BackendDefinition): BackendContext {
  const cacheKey = `${def.name}\0${createHash("sha256").update(canonical(def.options)).digest("hex")}`;
  const hit = open.get(cacheKey);
  if (hit) return hit;
  const { s3, ddb } = createClients(def.options);
  const ctx: BackendContext = { def, s3, ddb: def.options.dynamodb_table ? ddb : null, cacheKey };
  if (!ctx.ddb) ddb.destroy();
  open.set(cacheKey, ctx);
  return ctx;
}
