import { createHash } from "node:crypto";

/**
 * Object keys under the audit prefix. Events: `<prefix>/<yyyy>/<mm>/<dd>/<at>-<id>.json`, so a
 * day's keys sort chronologically and days can be walked newest first.
 */
export function auditEventKey(prefix: string, at: string, id: string): string {
  // `at` is an ISO UTC timestamp (validated), so its first 10 characters are the UTC date.
  const [yyyy, mm, dd] = at.slice(0, 10).split("-");
  return `${prefix}/${yyyy}/${mm}/${dd}/${at}-${id}.json`;
}

const EVENT_KEY = /^(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\.json$/;

/** The day partition (`<prefix>/yyyy/mm/dd/`) of an event key, or null for anything else. */
export function dayPartitionOf(prefix: string, key: string): string | null {
  if (!key.startsWith(`${prefix}/`)) return null;
  const m = EVENT_KEY.exec(key.slice(prefix.length + 1));
  return m ? `${prefix}/${m[1]}/${m[2]}/${m[3]}/` : null;
}

/** Where a user's "sign out everywhere" time lives; hashed so user ids do not appear in key listings. */
export function sessionKey(prefix: string, userId: string): string {
  return `${prefix}/sessions/${createHash("sha256").update(userId).digest("hex")}.json`;
}
