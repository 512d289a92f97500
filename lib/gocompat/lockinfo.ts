/**
 * LockInfo exactly as terraform/tofu encode it (Go's `json.Marshal` of statemgr.LockInfo).
 *
 * Byte identity matters: Tofu releases a DynamoDB lock with a DeleteItem conditional on
 * `Info = <its own re-encoding>`, so a lock we write must re-encode to the same bytes.
 */
import { randomUUID } from "node:crypto";
import { InvalidInputError } from "@/lib/errors";

/** Parsed LockInfo, as the tools write it (Go field names). */
export interface LockInfo {
  ID: string;
  Operation: string;
  Info: string;
  Who: string;
  Version: string;
  Created: string;
  Path: string;
}

/** Go's struct field order; json.Marshal writes fields in declaration order. */
const FIELDS = ["ID", "Operation", "Info", "Who", "Version", "Created", "Path"] as const;

const HEX = "0123456789abcdef";

/** Go's encoding/json string encoder with HTML escaping on (json.Marshal's default). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) {
        out += s[i];
        continue;
      }
      switch (c) {
        case 0x22: out += '\\"'; break;
        case 0x5c: out += "\\\\"; break;
        case 0x08: out += "\\b"; break;
        case 0x0c: out += "\\f"; break;
        case 0x0a: out += "\\n"; break;
        case 0x0d: out += "\\r"; break;
        case 0x09: out += "\\t"; break;
        default: out += "\\u00" + HEX[c >> 4] + HEX[c & 0xf];
      }
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += c === 0x2028 ? "\\u2028" : "\\u2029";
      continue;
    }
    // A lone surrogate cannot be sent as UTF-8: it becomes U+FFFD, written raw because that is what
    // Go's Marshal writes for the U+FFFD its Unmarshal reads back (Tofu's DeleteItem compares those bytes).
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else out += "\ufffd";
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += "\ufffd";
      continue;
    }
    out += s[i];
  }
  return out + '"';
}

export function encodeLockInfo(info: LockInfo): string {
  return "{" + FIELDS.map((f) => `"${f}":${goJsonString(info[f])}`).join(",") + "}";
}

/** Go decodes invalid UTF-8 to U+FFFD too, so non-fatal decoding mirrors what the tools see. */
const utf8 = new TextDecoder("utf-8");

/**
 * Parses a LockInfo like Go's json.Unmarshal would: any field order, case-insensitive field
 * names (exact match preferred), missing fields empty, unknown fields ignored.
 */
export function parseLockInfo(raw: string | Uint8Array): LockInfo {
  const text = typeof raw === "string" ? raw : utf8.decode(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InvalidInputError(`Lock info is not valid JSON: ${(e as Error).message}`, { raw: text.slice(0, 200) });
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new InvalidInputError("Lock info is not a JSON object.", { raw: text.slice(0, 200) });
  }
  const obj = parsed as Record<string, unknown>;
  const byLower = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) if (!byLower.has(k.toLowerCase())) byLower.set(k.toLowerCase(), v);
  const info = {} as LockInfo;
  for (const f of FIELDS) {
    const v = f in obj ? obj[f] : byLower.get(f.toLowerCase());
    if (v === undefined || v === null) info[f] = "";
    else if (typeof v === "string") info[f] = v;
    else throw new InvalidInputError(`Lock info field ${f} is not a string.`, { field: f });
  }
  return info;
}

/**
 * Go's time.Time JSON form (RFC3339Nano, UTC): fraction with trailing zeros dropped, none when zero.
 * JavaScript clocks have millisecond precision, so at most three fraction digits.
 */
export function goTimeRFC3339Nano(d: Date): string {
  const iso = d.toISOString(); // 2026-06-11T21:45:42.290Z
  return iso.replace(/\.?0+Z$/, "Z");
}

export function newLockInfo(opts: {
  operation: string;
  who: string;
  version: string;
  path: string;
  info?: string;
  now?: Date;
}): LockInfo {
  return {
    ID: randomUUID(),
    Operation: opts.operation,
    Info: opts.info ?? "",
    Who: opts.who,
    Version: opts.version,
    Created: goTimeRFC3339Nano(opts.now ?? new Date()),
    Path: opts.path,
  };
}
