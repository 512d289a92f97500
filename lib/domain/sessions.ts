import "server-only";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { awsCall, s3Arn } from "@/lib/aws/errors";
import { NotFoundError, toErrorPayload } from "@/lib/errors";
import type { AuditS3Config } from "@/lib/audit/config";
import { sessionKey } from "@/lib/audit/keys";
import { openAuditStore } from "@/lib/backend/audit-objects";

/**
 * "Sign out everywhere" for stateless JWT sessions: a per-user `notBefore` time kept in S3
 * under the audit prefix (`<prefix>/sessions/<sha256(user id)>.json`). A session whose
 * sign-in time is not after it is refused. Each process caches the value for CACHE_TTL_MS,
 * so other replicas honour a new value within that time.
 */
const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 10_000;
const cache = new Map<string, { notBefore: number | null; fetchedAt: number }>();

function remember(key: string, notBefore: number | null): void {
  // Map keeps insertion order: dropping the first entry evicts the oldest.
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.delete(key);
  cache.set(key, { notBefore, fetchedAt: Date.now() });
}

/** The user's notBefore (epoch ms), or null when they never signed out everywhere. */
export async function sessionsNotBefore(location: AuditS3Config, userId: string): Promise<number | null> {
  const store = openAuditStore(location);
  const key = sessionKey(store.prefix, userId);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.fetchedAt < CACHE_TTL_MS) return hit.notBefore;
  try {
    const res = await awsCall({ action: "s3:GetObject", resource: s3Arn(store.bucket, key), bucket: store.bucket }, () =>
      store.s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: key })),
    );
    const body = JSON.parse((await res.Body?.transformToString("utf-8")) ?? "") as { notBefore?: unknown };
    const notBefore = typeof body.notBefore === "string" ? Date.parse(body.notBefore) : NaN;
    remember(key, Number.isNaN(notBefore) ? null : notBefore);
  } catch (err) {
    if (err instanceof NotFoundError) {
      remember(key, null);
    } else {
      // Fail open with the last known value: an S3 outage must not sign everybody out.
      process.stderr.write(`${JSON.stringify({ type: "session-check-failed", key, error: toErrorPayload(err) })}\n`);
      return hit?.notBefore ?? null;
    }
  }
  return cache.get(key)?.notBefore ?? null;
}

/** Invalidates every session of the user signed in up to now. */
export async function signOutEverywhere(location: AuditS3Config, userId: string, now = new Date()): Promise<void> {
  const store = openAuditStore(location);
  const key = sessionKey(store.prefix, userId);
  await awsCall({ action: "s3:PutObject", resource: s3Arn(store.bucket, key), bucket: store.bucket }, () =>
    store.s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: JSON.stringify({ notBefore: now.toISOString() }), ContentType: "application/json" })),
  );
  remember(key, now.getTime());
}

/** Whether a session that signed in at `signedInAt` (epoch ms) was revoked by a later "sign out everywhere". */
export function isRevoked(signedInAt: number, notBefore: number | null): boolean {
  return notBefore !== null && signedInAt <= notBefore;
}
