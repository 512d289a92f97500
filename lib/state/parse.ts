/**
 * Raw object bytes → StateReadResult. Every input gives a result, never a throw:
 * 0 bytes / `{}` → empty, not JSON → corrupt (with position), JSON that is not a state → not-state,
 * OpenTofu encryption envelope → encrypted, version > 4 → future, versions 0-4 → state.
 * Cost is one JSON.parse plus a linear walk; the validating scanner only runs on failure, to locate the error.
 */
import { isStatehouseError } from "@/lib/errors";
import { nestingTooDeepAt, tooDeepMessage } from "./depth";
import { bomLength, JsonScanError, jsonSyntaxProblem, objectMembers, skipWhitespace } from "./json-scan";
import { LARGE_STATE_BYTES, parseLargeV4 } from "./parse-large";
import { parseLegacy } from "./parse-legacy";
import { parseV4 } from "./parse-v4";
import { readSerial, serialNeedsBytes } from "./serial";
import { isRecord, type JsonObject } from "./shape";
import type { StateReadResult } from "./types";

const decoder = new TextDecoder();

/** The newest state format this code understands. */
export const SUPPORTED_STATE_VERSION = 4;

export function parseState(bytes: Uint8Array): StateReadResult {
  const size = bytes.length;
  const body = bytes.subarray(bomLength(bytes));
  if (body.length >= LARGE_STATE_BYTES) {
    const large = parseLarge(body, size);
    if (large) return large;
  }
  const text = decoder.decode(body);
  // Whitespace only counts as no state too: there is nothing a tool could have meant by it.
  if (text.trim() === "") return { kind: "empty", size };

  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { kind: "corrupt", size, ...syntaxError(body) };
  }
  // Every later walk over values recurses; bounding the depth here keeps all of them within the stack.
  const deepAt = nestingTooDeepAt(body);
  if (deepAt >= 0) return { kind: "corrupt", message: tooDeepMessage(deepAt), size, position: deepAt };
  if (!isRecord(doc)) return { kind: "not-state", message: "The object is JSON but not a JSON object, so it is not a state file.", size };
  if (Object.keys(doc).length === 0) return { kind: "empty", size };
  if ("encrypted_data" in doc && "encryption_version" in doc) return encryptedResult(doc, body, size);

  const version = doc.version;
  if (version === undefined) return { kind: "not-state", message: 'The JSON object has no "version" member, so it is not a state file.', size };
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    return { kind: "not-state", message: `The "version" member is ${JSON.stringify(version)}, not a state format version.`, size };
  }
  if (version > SUPPORTED_STATE_VERSION) return { kind: "future", version, size };

  try {
    const state = version === 4 ? parseV4(doc, size) : parseLegacy(doc, version, size);
    if (serialNeedsBytes(doc)) state.serial = readSerial(body);
    return { kind: "state", state };
  } catch (e) {
    if (isStatehouseError(e)) return { kind: "corrupt", message: `Invalid state (format version ${version}): ${e.message}`, size };
    throw e;
  }
}

/**
 * A big version 4 state without one JSON.parse of the whole text (./parse-large.ts). Null for
 * anything else (not JSON, too deep, another version, an envelope...): the whole parse then
 * gives its usual answer, at its usual cost.
 */
function parseLarge(body: Uint8Array, size: number): StateReadResult | null {
  if (nestingTooDeepAt(body) >= 0) return null;
  let members: Map<string, { start: number; end: number }>;
  try {
    const top = objectMembers(body, skipWhitespace(body, 0), ["version", "resources", "encrypted_data"]);
    if (skipWhitespace(body, top.end) !== body.length) return null;
    members = top.members;
  } catch (e) {
    if (e instanceof JsonScanError) return null;
    throw e;
  }
  const version = members.get("version");
  const resources = members.get("resources");
  if (!version || !resources || members.has("encrypted_data") || body[resources.start] !== 0x5b) return null;
  if (decoder.decode(body.subarray(version.start, version.end)) !== "4") return null;
  try {
    const { state, doc } = parseLargeV4(body, size, resources);
    if (serialNeedsBytes(doc)) state.serial = readSerial(body);
    return { kind: "state", state };
  } catch (e) {
    if (isStatehouseError(e)) return { kind: "corrupt", message: `Invalid state (format version 4): ${e.message}`, size };
    if (e instanceof SyntaxError || e instanceof JsonScanError) return null;
    throw e;
  }
}

function encryptedResult(doc: JsonObject, body: Uint8Array, size: number): StateReadResult {
  let serial: bigint | null = null;
  try {
    if (typeof doc.serial === "number") serial = serialNeedsBytes(doc) ? readSerial(body) : Number.isInteger(doc.serial) && doc.serial >= 0 ? BigInt(doc.serial) : null;
  } catch {
    serial = null; // an envelope with a serial that is no integer: shown without one
  }
  const lineage = typeof doc.lineage === "string" ? doc.lineage : null;
  const v = doc.encryption_version;
  const encryptionVersion = typeof v === "string" || typeof v === "number" ? String(v) : null;
  // The key providers' addresses (or aliases) are in clear text; their values (salts, wrapped keys) are not kept.
  const metaKeys = doc.meta !== null && typeof doc.meta === "object" && !Array.isArray(doc.meta) ? Object.keys(doc.meta) : [];
  return { kind: "encrypted", serial, lineage, encryptionVersion, metaKeys, size };
}

function syntaxError(body: Uint8Array): { message: string; position?: number } {
  const problem = jsonSyntaxProblem(body);
  if (problem) return { message: `Not valid JSON: ${problem.reason}.`, position: problem.position };
  // JSON.parse refused what the scanner accepts: invalid UTF-8 or an escape it rejects.
  return { message: "Not valid JSON: the text could not be decoded." };
}
