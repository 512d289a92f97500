import "server-only";
import { toErrorPayload } from "@/lib/errors";
import type { AuditS3Config } from "@/lib/audit/config";
import { readRevocation, revocationKey, writeRevocation } from "@/lib/backend/session-revocations";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";

/**
 * "Sign out everywhere" for stateless JWT sessions: a per-user `notBefore` time kept in S3
 * under the audit prefix (`<prefix>/sessions/<sha256(user id)>.json`). A session whose
 * sign-in time is not after it is refused. Each process caches the value for CACHE_TTL_MS,
 * so other replicas honour a new value within that time.
 */
export const CACHE_TTL_MS = 30_000;
// The age is kept in the entry rather than as the cache's TTL: an expired value is still the
// answer when S3 cannot be read (fail open with the last known value).
const cache = createCache<string, { notBefore: number | null; fetchedAt: number }>(CACHE_POLICIES.sessionRevocations);

function remember(key: string, notBefore: number | null): void {
  cache.set(key, { notBefore, fetchedAt: Date.now() });
}

/** The user's notBefore (epoch ms), or null when they never signed out everywhere. */
export async function sessionsNotBefore(location: AuditS3Config, userId: string): Promise<number | null> {
  const key = revocationKey(location, userId);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.fetchedAt < CACHE_TTL_MS) return hit.notBefore;
  try {
    remember(key, await readRevocation(location, userId));
  } catch (err) {
    // Fail open with the last known value: an S3 outage must not sign everybody out.
    process.stderr.write(`${JSON.stringify({ type: "session-check-failed", key, error: toErrorPayload(err) })}\n`);
    return hit?.notBefore ?? null;
  }
  return cache.get(key)?.notBefore ?? null;
}

/** Invalidates every session of the user signed in up to now. */
export async function signOutEverywhere(location: AuditS3Config, userId: string, now = new Date()): Promise<void> {
  await writeRevocation(location, userId, now);
  remember(revocationKey(location, userId), now.getTime());
}

/** Whether a session that signed in at `signedInAt` (epoch ms) was revoked by a later "sign out everywhere". */
export function isRevoked(signedInAt: number, notBefore: number | null): boolean {
  return notBefore !== null && signedInAt <= notBefore;
}
