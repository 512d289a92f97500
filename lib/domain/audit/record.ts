import "server-only";
import { toErrorPayload, type ErrorPayload } from "@/lib/errors";
import { getSecuritySettings } from "@/lib/domain/settings";
import type { AuditConfig } from "@/lib/audit/config";
import { newAuditEvent, type AuditEvent, type AuditEventInput } from "@/lib/audit/event";
import { currentRequestId } from "@/lib/observability/context";
import { auditEventKey } from "@/lib/audit/keys";
import { openAuditStore, writeAuditObject } from "@/lib/backend/audit-objects";

export interface AuditRecordResult {
  event: AuditEvent;
  /** Where the event is kept besides stdout: the S3 key, or null when no S3 location is configured. */
  key: string | null;
  /** Set when the S3 write failed (already reported on stderr). */
  error?: ErrorPayload;
}

export interface LineSink {
  write(line: string): unknown;
}

/** Where the lines go. The server: events on stdout, failures on stderr. The CLI, whose stdout is its own output: both on stderr. */
export interface AuditOutput {
  /** One `{"type":"audit",...event}` line per event. */
  events: LineSink;
  /** One `{"type":"audit-write-failed",...}` line per failed S3 write. */
  failures: LineSink;
}

/**
 * Records one audit event: one JSON line on `output.events` (`{"type":"audit",...event}`) and, when
 * `audit.s3` is configured, one S3 object written with If-None-Match: * so it is never overwritten.
 * Never throws for a storage failure: the failure is written to `output.failures` and returned, and
 * the caller decides (a restore or unlock that already happened still completes).
 * `config` defaults to the process's Statehouse config.
 */
export async function recordAudit(
  input: AuditEventInput,
  config?: AuditConfig,
  output: AuditOutput = { events: process.stdout, failures: process.stderr },
): Promise<AuditRecordResult> {
  const event = newAuditEvent(input);
  // Always written, whatever LOG_LEVEL says; with the request's id when served by the server.
  const requestId = currentRequestId();
  output.events.write(`${JSON.stringify({ type: "audit", ...event, ...(requestId ? { requestId } : {}) })}\n`);
  const s3Config = (config ?? (await getSecuritySettings()).audit).s3;
  if (!s3Config) return { event, key: null };
  const store = openAuditStore(s3Config);
  const key = auditEventKey(store.prefix, event.at, event.id);
  try {
    await writeAuditObject(store, key, JSON.stringify(event), { createOnly: true });
    return { event, key };
  } catch (err) {
    const error = toErrorPayload(err);
    output.failures.write(`${JSON.stringify({ type: "audit-write-failed", id: event.id, key, error })}\n`);
    return { event, key, error };
  }
}
