import "server-only";
/**
 * Where "sign out everywhere" is kept: `<audit prefix>/sessions/<sha256(user id)>.json` holding the
 * user's `notBefore` time. Storage only; caching and the revocation rule are lib/domain/sessions.ts.
 */
import type { AuditS3Config } from "@/lib/audit/config";
import { sessionKey } from "@/lib/audit/keys";
import { NotFoundError } from "@/lib/errors";
import { openAuditStore, readAuditObject, writeAuditObject } from "./audit-objects";

/** The object key of a user's revocation time (also the cache key of lib/domain/sessions.ts). */
export function revocationKey(location: AuditS3Config, userId: string): string {
  return sessionKey(openAuditStore(location).prefix, userId);
}

/** The stored notBefore (epoch ms), or null when the user never signed out everywhere; throws what S3 throws otherwise. */
export async function readRevocation(location: AuditS3Config, userId: string): Promise<number | null> {
  const store = openAuditStore(location);
  try {
    const body = JSON.parse(await readAuditObject(store, sessionKey(store.prefix, userId))) as { notBefore?: unknown };
    const notBefore = typeof body.notBefore === "string" ? Date.parse(body.notBefore) : NaN;
    return Number.isNaN(notBefore) ? null : notBefore;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

export async function writeRevocation(location: AuditS3Config, userId: string, now: Date): Promise<void> {
  const store = openAuditStore(location);
  await writeAuditObject(store, sessionKey(store.prefix, userId), JSON.stringify({ notBefore: now.toISOString() }), { createOnly: false });
}
