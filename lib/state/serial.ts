/**
 * Reading and replacing the top-level `serial` / `lineage` of a state object in its raw bytes.
 * Never re-serialises: a JavaScript parse-and-print would round numbers beyond 2^53 and change
 * the formatting, and the restore must write every other byte exactly as it was.
 */
import { InvalidInputError } from "@/lib/errors";
import { bomLength, findTopLevelMember, JsonScanError, type MemberSpan } from "./json-scan";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function locate(bytes: Uint8Array, name: string): MemberSpan | null {
  try {
    return findTopLevelMember(bytes, name, bomLength(bytes));
  } catch (e) {
    if (e instanceof JsonScanError) throw new InvalidInputError(`The state is not valid JSON: ${e.message}.`, { position: e.position });
    throw e;
  }
}

function serialSpan(bytes: Uint8Array): MemberSpan {
  const span = locate(bytes, "serial");
  if (!span) throw new InvalidInputError("The state has no top-level \"serial\".");
  return span;
}

/** The top-level serial. Throws InvalidInputError if absent or not a non-negative integer. */
export function readSerial(bytes: Uint8Array): number {
  const span = serialSpan(bytes);
  const text = decoder.decode(bytes.subarray(span.start, span.end));
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidInputError(`The state's "serial" is not a non-negative integer: ${text.slice(0, 40)}`);
  }
  return Number(text);
}

/** The top-level lineage, or null when absent or not a string. */
export function readLineage(bytes: Uint8Array): string | null {
  const span = locate(bytes, "lineage");
  if (!span) return null;
  const value: unknown = JSON.parse(decoder.decode(bytes.subarray(span.start, span.end)));
  return typeof value === "string" ? value : null;
}

/** A copy of `bytes` whose top-level serial is `serial`; every other byte is unchanged. */
export function withSerial(bytes: Uint8Array, serial: number): Uint8Array {
  if (!Number.isSafeInteger(serial) || serial < 0) throw new InvalidInputError(`Invalid serial ${serial}: must be a non-negative integer.`);
  const span = serialSpan(bytes);
  const digits = encoder.encode(String(serial));
  const out = new Uint8Array(bytes.length - (span.end - span.start) + digits.length);
  out.set(bytes.subarray(0, span.start), 0);
  out.set(digits, span.start);
  out.set(bytes.subarray(span.end), span.start + digits.length);
  return out;
}

/**
 * The serial a restore writes: one above the current serial, and never below the chosen content's
 * own (a deleted workspace has no current serial), so the tools always see the state move forward.
 */
export function restoredSerial(current: number | null, chosen: number): number {
  return Math.max(current ?? 0, chosen) + 1;
}
