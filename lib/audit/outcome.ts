import { toErrorPayload, type ErrorCode } from "@/lib/errors";
import type { AuditEvent } from "./event";

/** Errors that mean "not done, on purpose, and here is why", as opposed to a failure of AWS or of Statehouse. */
const REFUSALS = new Set<ErrorCode>([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "INVALID_INPUT",
  "NOT_FOUND",
  "LOCKED",
  "LOCK_CHANGED",
  "PRECONDITION_FAILED",
  "LINEAGE_MISMATCH",
  "STATE_UNREADABLE",
  "VERSIONING_OFF",
  "TOO_LARGE",
]);

/** The `result` and `error` of the event for an attempt that threw `err`: refused or failed, with the user-safe code and message. */
export function failedOutcome(err: unknown): Pick<AuditEvent, "result" | "error"> {
  const { code, message } = toErrorPayload(err);
  return { result: REFUSALS.has(code) ? "refused" : "failed", error: { code, message } };
}
