/**
 * Reading and replacing the top-level `serial` / `lineage` of a state object in its raw bytes.
 * Never re-serialises: a JavaScript parse-and-print would round numbers beyond 2^53 and change
 * the formatting, and the restore must write every other byte exactly as it was.
 */
import { InvalidInputError } from "@/lib/errors";
import { bomLength, findTopLevelMember, JsonScanError, type MemberSpan } from "./json-scan";
import { shapeError, type JsonObject } from "./shape";

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

/**
 * The top-level serial, exactly: a BigInt, since the tools (Go uint64) write serials a double
 * would round. Throws InvalidInputError if absent or not a non-negative integer.
 */
export function readSerial(bytes: Uint8Array): bigint {
  const span = serialSpan(bytes);
  const text = decoder.decode(bytes.subarray(span.start, span.end));
  // Go's decoder also takes 1e3 or 5.0 for an integer field only when it is integral; the tools never write those.
  if (!/^\d+$/.test(text)) throw new InvalidInputError(`The state's "serial" is not a non-negative integer: ${text.slice(0, 40)}`);
  return BigInt(text);
}

/** The top-level lineage, or null when absent or not a string. */
export function readLineage(bytes: Uint8Array): string | null {
  const span = locate(bytes, "lineage");
  if (!span) return null;
  const value: unknown = JSON.parse(decoder.decode(bytes.subarray(span.start, span.end)));
  return typeof value === "string" ? value : null;
}

/** A copy of `bytes` whose top-level serial is `serial`; every other byte is unchanged. */
export function withSerial(bytes: Uint8Array, serial: bigint): Uint8Array {
  if (serial < 0n) throw new InvalidInputError(`Invalid serial ${serial}: must be a non-negative integer.`);
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
export function restoredSerial(current: bigint | null, chosen: bigint): bigint {
  const base = current !== null && current > chosen ? current : chosen;
  return base + 1n;
}

/**
 * The `serial` of a decoded state document (0 when absent). A double holds serials up to 2^53
 * exactly; beyond that parseState re-reads the digits from the bytes with readSerial.
 */
export function serialField(doc: JsonObject, where: string): bigint {
  const v = doc.serial;
  if (v === undefined || v === null) return 0n;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) shapeError(`${where}.serial`, "a non-negative integer", v);
  return BigInt(v);
}

/** Whether the decoded serial may have been rounded, so the exact digits must come from the bytes. */
export function serialNeedsBytes(doc: JsonObject): boolean {
  return typeof doc.serial === "number" && !Number.isSafeInteger(doc.serial);
}
