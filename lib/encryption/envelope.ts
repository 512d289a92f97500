/**
 * OpenTofu's encrypted state envelope (internal/encryption, format "v0"): clear serial and lineage, key provider
 * metadata by meta key, and the method's output, all as Go's encoding/json writes them ([]byte as base64). Pure.
 */
import { isRecord } from "@/lib/state/shape";

export const ENCRYPTION_VERSION = "v0";

export interface Envelope {
  /** Clear copies of the inner state's; null when absent (then not checked, as tofu does). */
  serial: number | null;
  lineage: string;
  /** Meta key (`key_provider.<type>.<name>` or an encrypted_metadata_alias) → the provider's metadata JSON bytes. */
  meta: Map<string, Buffer>;
  data: Buffer;
  version: string;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function base64(value: unknown, what: string): Buffer {
  if (typeof value !== "string" || value.length % 4 !== 0 || !B64.test(value)) throw new Error(`${what} is not base64`);
  return Buffer.from(value, "base64");
}

/** The envelope of a parsed JSON document, or null when it is not one (tofu's sigil: a non-empty encryption_version). */
export function readEnvelope(doc: unknown): Envelope | null {
  if (!isRecord(doc)) return null;
  const v = doc.encryption_version;
  if (typeof v !== "string" || v === "") return null;
  const meta = new Map<string, Buffer>();
  if (isRecord(doc.meta)) for (const [k, raw] of Object.entries(doc.meta)) meta.set(k, base64(raw, `meta "${k}"`));
  return {
    serial: typeof doc.serial === "number" ? doc.serial : null,
    lineage: typeof doc.lineage === "string" ? doc.lineage : "",
    meta,
    data: doc.encrypted_data === undefined || doc.encrypted_data === null ? Buffer.alloc(0) : base64(doc.encrypted_data, "encrypted_data"),
    version: v,
  };
}

const DATA_MEMBER = Buffer.from('"encrypted_data":"');
const DATA_NAME = Buffer.from('"encrypted_data"');

/**
 * The envelope of the bytes tofu writes, without a JSON parse of its (large) data: the one `"encrypted_data":"…"`
 * member is cut out, the small rest parsed, the base64 decoded straight from the bytes. Undefined when the bytes are
 * not in that exact shape (the caller then parses them as JSON); null when they are JSON but not an envelope.
 */
export function readEnvelopeBytes(bytes: Uint8Array): Envelope | null | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = buf.indexOf(DATA_MEMBER);
  if (at < 0 || buf.indexOf(DATA_NAME, at + 1) >= 0 || buf.lastIndexOf(DATA_NAME, at - 1) >= 0) return undefined;
  const start = at + DATA_MEMBER.length;
  const end = buf.indexOf(0x22, start);
  if (end < 0) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.concat([buf.subarray(0, start), buf.subarray(end)]).toString("utf8"));
  } catch {
    return undefined;
  }
  // The member cut out must be the top-level one (then it reads "" here).
  if (!isRecord(doc) || doc.encrypted_data !== "") return undefined;
  const data = decodeBase64(buf, start, end);
  if (!data) return undefined;
  const envelope = readEnvelope({ ...doc, encrypted_data: null });
  if (envelope) envelope.data = data;
  return envelope;
}

const BASE64_CHUNK = 1 << 20; // a multiple of 4: each chunk decodes on its own

/**
 * Base64 in `buf[start, end)` decoded chunk by chunk into one buffer: no string of the whole 40 MB is made (that
 * string, and the garbage it leaves, cost more than the decoding). Null when it is not exactly base64: Node skips
 * other characters, so a length that does not add up means some were there (the JSON path then names them).
 */
function decodeBase64(buf: Buffer, start: number, end: number): Buffer | null {
  const length = end - start;
  if (length % 4 !== 0) return null;
  const padding = length === 0 ? 0 : buf[end - 1] === 0x3d ? (buf[end - 2] === 0x3d ? 2 : 1) : 0;
  const out = Buffer.allocUnsafe((length / 4) * 3 - padding);
  let written = 0;
  for (let p = start; p < end; p += BASE64_CHUNK) {
    written += out.write(buf.toString("latin1", p, Math.min(end, p + BASE64_CHUNK)), written, "base64");
  }
  return written === out.length ? out : null;
}

/** The bytes tofu writes: serial and lineage first, then meta (keys sorted, as Go sorts map keys), data, version. */
export function writeEnvelope(serial: number | null, lineage: string, meta: Map<string, Buffer>, data: Buffer): Uint8Array {
  const sortedMeta = Object.fromEntries([...meta.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, b]) => [k, b.toString("base64")]));
  const text = goJson({ serial, lineage, meta: sortedMeta, encrypted_data: data.toString("base64"), encryption_version: ENCRYPTION_VERSION });
  return new TextEncoder().encode(text);
}

/** JSON.stringify with Go's HTML-safe escapes, so the bytes match what tofu writes. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
