/**
 * Pretty-printing raw JSON bytes with 2-space indentation (the layout Terraform writes), token by
 * token: strings and numbers are copied verbatim, so numbers beyond 2^53 and escapes show exactly
 * as stored (a parse-and-stringify would round them). An optional mask replaces values at chosen
 * paths with SENSITIVE_MARKER without ever copying them.
 */
import { InvalidInputError } from "@/lib/errors";
import { assertNestingWithin } from "./depth";
import { assertValidJson, bomLength, JsonScanError, skipValue, skipWhitespace } from "./json-scan";
import { SENSITIVE_MARKER } from "./mask";

/** The path of a value: object keys and array indexes. Keys are decoded only when read. */
export interface ValuePath {
  readonly length: number;
  at(i: number): string | number;
}

/** Decides from the path of a value whether to hide it. */
export type MaskDecision = (path: ValuePath) => boolean;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const MARKER_BYTES = encoder.encode(JSON.stringify(SENSITIVE_MARKER));
const NEWLINE = 0x0a;
const SPACE = 0x20;

class ByteSink {
  buf = new Uint8Array(1 << 16);
  len = 0;
  private reserve(n: number) {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  bytes(b: Uint8Array) {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  byte(c: number) {
    this.reserve(1);
    this.buf[this.len++] = c;
  }
  indent(depth: number) {
    this.reserve(depth * 2 + 1);
    this.buf[this.len++] = NEWLINE;
    this.buf.fill(SPACE, this.len, this.len + depth * 2);
    this.len += depth * 2;
  }
  text(): string {
    return decoder.decode(this.buf.subarray(0, this.len));
  }
}

/** A quoted key as a string; plain ASCII keys (nearly all) skip the general decoder, which is slow on tiny inputs. */
function decodeKey(quoted: Uint8Array): string {
  let s = "";
  for (let i = 1; i < quoted.length - 1; i++) {
    const c = quoted[i]!;
    if (c >= 0x80 || c === 0x5c) return JSON.parse(decoder.decode(quoted)) as string;
    s += String.fromCharCode(c);
  }
  return s;
}

/** Indented text of the JSON in `bytes` (BOM ignored), with a trailing newline. Throws InvalidInputError if not JSON, StateUnreadableError if nested too deeply. */
export function prettyJson(bytes: Uint8Array, mask?: MaskDecision): string {
  const start = bomLength(bytes);
  try {
    assertValidJson(bytes, start);
  } catch (e) {
    if (e instanceof JsonScanError) throw new InvalidInputError(`Not valid JSON: ${e.message}.`, { position: e.position });
    throw e;
  }
  // The writer recurses once per level.
  assertNestingWithin(bytes, undefined, start);
  const out = new ByteSink();
  // Keys stay raw (quoted bytes) until the mask reads them: decoding every key would dominate the cost.
  const steps: (string | number | Uint8Array)[] = [];
  const path: ValuePath = {
    get length() {
      return steps.length;
    },
    at(i) {
      const step = steps[i]!;
      if (!(step instanceof Uint8Array)) return step;
      const key = decodeKey(step);
      steps[i] = key;
      return key;
    },
  };
  // The input is valid JSON from here on, so the writer need not re-check its syntax.
  const write = (pos: number, depth: number): number => {
    if (mask && path.length > 0 && mask(path)) {
      out.bytes(MARKER_BYTES);
      return skipValue(bytes, pos);
    }
    const c = bytes[pos];
    if (c !== 0x7b && c !== 0x5b) {
      const end = skipValue(bytes, pos);
      out.bytes(bytes.subarray(pos, end));
      return end;
    }
    const isObject = c === 0x7b;
    const close = isObject ? 0x7d : 0x5d;
    out.byte(c);
    pos = skipWhitespace(bytes, pos + 1);
    if (bytes[pos] === close) {
      out.byte(close);
      return pos + 1;
    }
    for (let i = 0; ; i++) {
      out.indent(depth + 1);
      if (isObject) {
        const keyEnd = skipValue(bytes, pos);
        const key = bytes.subarray(pos, keyEnd);
        out.bytes(key);
        out.byte(0x3a);
        out.byte(SPACE);
        steps.push(key);
        pos = skipWhitespace(bytes, skipWhitespace(bytes, keyEnd) + 1);
      } else {
        steps.push(i);
      }
      pos = skipWhitespace(bytes, write(pos, depth + 1));
      steps.pop();
      if (bytes[pos] === close) break;
      out.byte(0x2c);
      pos = skipWhitespace(bytes, pos + 1);
    }
    out.indent(depth);
    out.byte(close);
    return pos + 1;
  };
  write(skipWhitespace(bytes, start), 0);
  out.byte(NEWLINE);
  return out.text();
}
