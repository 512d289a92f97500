import "server-only";
import { InvalidInputError } from "@/lib/errors";
import { getSecuritySettings } from "@/lib/domain/settings";
import type { AuditConfig } from "@/lib/audit/config";
import { auditEventSchema, type AuditEvent } from "@/lib/audit/event";
import { dayPartitionOf } from "@/lib/audit/keys";
import { listAuditPage, openAuditStore, readAuditObject, type AuditStore } from "@/lib/backend/audit-objects";

export interface AuditQuery {
  /** Each filter matches a case-insensitive substring. */
  backend?: string;
  workspace?: string;
  /** Part of a user id ("github:octocat"), email or name. */
  user?: string;
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface AuditPage {
  /** Newest first. */
  events: AuditEvent[];
  /** Pass back to continue (older events); null when the trail is exhausted. */
  nextCursor: string | null;
  /** Keys under the prefix that are not valid audit events (reported, not hidden). */
  unreadable: string[];
}

export const MAX_AUDIT_LIMIT = 500;
// Objects read per call at most: a very selective filter returns a short page plus a cursor
// instead of scanning years of history in one request.
const MAX_SCANNED = 2_000;
const READ_CONCURRENCY = 16;

async function listPrefixes(store: AuditStore, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await listAuditPage(store, prefix, { delimiter: "/", token });
    out.push(...page.prefixes);
    token = page.nextToken;
  } while (token);
  return out;
}

/** Day partitions (`<prefix>/yyyy/mm/dd/`) newest first, walked lazily year by year. */
async function* daysNewestFirst(store: AuditStore, notAfter: string | null): AsyncGenerator<string> {
  const level = async (prefix: string, digits: number) =>
    (await listPrefixes(store, prefix))
      .filter((p) => new RegExp(`^\\d{${digits}}/$`).test(p.slice(prefix.length)))
      .sort()
      .reverse();
  for (const year of await level(`${store.prefix}/`, 4)) {
    if (notAfter && year > notAfter) continue;
    for (const month of await level(year, 2)) {
      if (notAfter && month > notAfter) continue;
      for (const day of await level(month, 2)) if (!notAfter || day <= notAfter) yield day;
    }
  }
}

/** A day's event keys below `before` (exclusive), newest first. S3 lists ascending, so listing stops at `before`. */
async function dayKeys(store: AuditStore, day: string, before: string | null): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await listAuditPage(store, day, { token });
    for (const key of page.keys) {
      if (before && key >= before) return keys.reverse();
      keys.push(key);
    }
    token = page.nextToken;
  } while (token);
  return keys.reverse();
}

async function readEvent(store: AuditStore, key: string): Promise<AuditEvent | null> {
  const text = await readAuditObject(store, key);
  try {
    const parsed = auditEventSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Case-insensitive substring: "data" finds prod-data, "bob" finds github:bob and Bob@Example.com. */
const contains = (text: string | undefined, part: string) => text !== undefined && text.toLowerCase().includes(part.toLowerCase());

function matches(event: AuditEvent, q: AuditQuery): boolean {
  if (q.backend !== undefined && !contains(event.backend, q.backend)) return false;
  if (q.workspace !== undefined && !contains(event.workspace, q.workspace)) return false;
  if (q.user !== undefined && !contains(event.who.id, q.user) && !contains(event.who.email, q.user) && !contains(event.who.name, q.user)) return false;
  return true;
}

function decodeCursor(store: AuditStore, cursor: string): { key: string; day: string } {
  const key = Buffer.from(cursor, "base64url").toString("utf-8");
  const day = dayPartitionOf(store.prefix, key);
  if (!day) throw new InvalidInputError("The audit cursor is not valid for this audit location.", { cursor });
  return { key, day };
}

/**
 * Reads the audit trail under `audit.s3` newest first, filtered. Walks day partitions in
 * reverse and reads at most MAX_SCANNED objects per call. Without an S3 location there is no
 * stored trail (stdout only) and the page is empty. `config` defaults to the process's config.
 */
export async function listAudit(query: AuditQuery, config?: AuditConfig): Promise<AuditPage> {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_AUDIT_LIMIT) {
    throw new InvalidInputError(`limit must be an integer from 1 to ${MAX_AUDIT_LIMIT}.`, { limit: query.limit });
  }
  const s3Config = (config ?? (await getSecuritySettings()).audit).s3;
  if (!s3Config) return { events: [], nextCursor: null, unreadable: [] };
  const store = openAuditStore(s3Config);
  const cursor = query.cursor ? decodeCursor(store, query.cursor) : null;

  const page: AuditPage = { events: [], nextCursor: null, unreadable: [] };
  let scanned = 0;
  for await (const day of daysNewestFirst(store, cursor?.day ?? null)) {
    const keys = await dayKeys(store, day, cursor && day === cursor.day ? cursor.key : null);
    for (let i = 0; i < keys.length; i += READ_CONCURRENCY) {
      const batch = keys.slice(i, i + READ_CONCURRENCY);
      const events = await Promise.all(batch.map((k) => readEvent(store, k)));
      for (const [j, event] of events.entries()) {
        const key = batch[j]!;
        scanned++;
        if (!event) page.unreadable.push(key);
        else if (matches(event, query)) page.events.push(event);
        if (page.events.length === query.limit || scanned >= MAX_SCANNED) {
          page.nextCursor = Buffer.from(key, "utf-8").toString("base64url");
          return page;
        }
      }
    }
  }
  return page;
}
