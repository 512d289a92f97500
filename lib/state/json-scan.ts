/**
 * A small validating JSON scanner over raw UTF-8 bytes.
 *
 * Why bytes and not a parse: the serial bump must keep every other byte exactly as written
 * (numbers beyond 2^53, indentation, key order), and locating a member this way costs one
 * linear pass without building any objects. All JSON structural characters are ASCII and
 * UTF-8 continuation bytes are >= 0x80, so scanning bytes is safe for any text.
 */

export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at byte ${position}`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

export function skipWhitespace(b: Uint8Array, pos: number): number {
  while (pos < b.length && isWhitespace(b[pos]!)) pos++;
  return pos;
}

/** `pos` is at the opening quote; returns the index just after the closing quote. */
function skipString(b: Uint8Array, pos: number): number {
  const start = pos;
  pos++;
  while (pos < b.length) {
    const c = b[pos]!;
    if (c === QUOTE) return pos + 1;
    if (c === BACKSLASH) pos += 2;
    else if (c < 0x20) throw new JsonScanError("Control character in string", pos);
    else pos++;
  }
  throw new JsonScanError("Unterminated string", start);
}

function skipNumber(b: Uint8Array, pos: number): number {
  const start = pos;
  if (b[pos] === 0x2d) pos++;
  if (b[pos] === 0x30) pos++;
  else if (isDigit(b[pos])) while (isDigit(b[pos])) pos++;
  else throw new JsonScanError("Invalid number", start);
  if (b[pos] === 0x2e) {
    pos++;
    if (!isDigit(b[pos])) throw new JsonScanError("Invalid number", start);
    while (isDigit(b[pos])) pos++;
  }
  if (b[pos] === 0x65 || b[pos] === 0x45) {
    pos++;
    if (b[pos] === 0x2b || b[pos] === 0x2d) pos++;
    if (!isDigit(b[pos])) throw new JsonScanError("Invalid number", start);
    while (isDigit(b[pos])) pos++;
  }
  return pos;
}

const LITERALS: [number, Uint8Array][] = ["true", "false", "null"].map((w) => [w.charCodeAt(0), new TextEncoder().encode(w)]);

function skipScalar(b: Uint8Array, pos: number): number {
  const c = b[pos];
  if (c === QUOTE) return skipString(b, pos);
  if (c === 0x2d || isDigit(c)) return skipNumber(b, pos);
  for (const [first, word] of LITERALS) {
    if (c !== first) continue;
    for (let i = 0; i < word.length; i++) if (b[pos + i] !== word[i]) throw new JsonScanError("Invalid literal", pos);
    return pos + word.length;
  }
  throw new JsonScanError(pos >= b.length ? "Unexpected end of input" : `Unexpected character '${String.fromCharCode(c ?? 0)}'`, pos);
}

/**
 * Skips one JSON value starting at `pos` (no leading whitespace) and returns the index after it.
 * Iterative with an explicit stack so deeply nested input cannot overflow the call stack.
 */
export function skipValue(b: Uint8Array, pos: number): number {
  const stack: number[] = [];
  for (;;) {
    const c = b[pos];
    if (c === LBRACE || c === LBRACKET) {
      stack.push(c);
      pos = skipWhitespace(b, pos + 1);
      if (b[pos] === (c === LBRACE ? RBRACE : RBRACKET)) {
        stack.pop();
        pos++;
      } else {
        if (c === LBRACE) pos = skipKey(b, pos);
        continue;
      }
    } else {
      pos = skipScalar(b, pos);
    }
    // After a complete value: close containers or move to the next element.
    for (;;) {
      const open = stack[stack.length - 1];
      if (open === undefined) return pos;
      pos = skipWhitespace(b, pos);
      const d = b[pos];
      if (d === COMMA) {
        pos = skipWhitespace(b, pos + 1);
        if (open === LBRACE) pos = skipKey(b, pos);
        break;
      }
      if ((open === LBRACE && d === RBRACE) || (open === LBRACKET && d === RBRACKET)) {
        stack.pop();
        pos++;
        continue;
      }
      throw new JsonScanError(open === LBRACE ? "Expected ',' or '}'" : "Expected ',' or ']'", pos);
    }
  }
}

/** At a member key: skips `"key" :` and the whitespace after it. */
function skipKey(b: Uint8Array, pos: number): number {
  if (b[pos] !== QUOTE) throw new JsonScanError("Expected a double-quoted property name", pos);
  pos = skipWhitespace(b, skipString(b, pos));
  if (b[pos] !== COLON) throw new JsonScanError("Expected ':'", pos);
  return skipWhitespace(b, pos + 1);
}

/** Throws a JsonScanError locating the first syntax error; returns normally if `b` is one valid JSON value. */
export function assertValidJson(b: Uint8Array, start = 0): void {
  const end = skipWhitespace(b, skipValue(b, skipWhitespace(b, start)));
  if (end !== b.length) throw new JsonScanError("Unexpected data after the JSON value", end);
}

export interface MemberSpan {
  /** Index of the first byte of the value. */
  start: number;
  /** Index just after the value. */
  end: number;
}

const decoder = new TextDecoder();

/**
 * Locates the value of a top-level member of a JSON object. When the key occurs more than
 * once the last one wins, as with Go's encoding/json and JSON.parse. Returns null if absent.
 * Throws JsonScanError if the document is not a JSON object.
 */
export function findTopLevelMember(b: Uint8Array, name: string, start = 0): MemberSpan | null {
  const { end, members } = objectMembers(b, skipWhitespace(b, start), [name]);
  return checkTrailing(b, end, members.get(name) ?? null);
}

function checkTrailing(b: Uint8Array, pos: number, found: MemberSpan | null): MemberSpan | null {
  pos = skipWhitespace(b, pos);
  if (pos !== b.length) throw new JsonScanError("Unexpected data after the JSON value", pos);
  return found;
}

/** Compares a raw quoted key with a plain name; escaped keys (rare) are decoded first. */
function keyEquals(quoted: Uint8Array, name: string): boolean {
  if (quoted.includes(BACKSLASH)) return JSON.parse(decoder.decode(quoted)) === name;
  if (quoted.length !== name.length + 2) return false;
  for (let i = 0; i < name.length; i++) if (quoted[i + 1] !== name.charCodeAt(i)) return false;
  return true;
}

/** Line and column (1-based) of a byte offset, for error messages. */
export function lineAndColumn(b: Uint8Array, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < b.length; i++) {
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/**
 * Why `b` is not valid JSON, without quoting it (the text may hold secrets): the scanner's reason
 * with its line and column, or null when the scanner accepts it (JSON.parse can still refuse
 * invalid UTF-8 or an escape the scanner lets through).
 */
export function jsonSyntaxProblem(b: Uint8Array): { reason: string; position: number } | null {
  try {
    assertValidJson(b);
  } catch (e) {
    if (!(e instanceof JsonScanError)) throw e;
    const { line, column } = lineAndColumn(b, e.position);
    return { reason: `${e.message} (line ${line}, column ${column})`, position: e.position };
  }
  return null;
}

/** Length of a UTF-8 byte order mark at the start of `b` (0 or 3). */
export function bomLength(b: Uint8Array): number {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
}

/**
 * The members named in `names` of the JSON object at `start` (last wins) and the index just after
 * the object; unlike findTopLevelMember, what follows the object is not looked at.
 */
export function objectMembers(b: Uint8Array, start: number, names: readonly string[]): { end: number; members: Map<string, MemberSpan> } {
  const members = new Map<string, MemberSpan>();
  let pos = start;
  if (b[pos] !== LBRACE) throw new JsonScanError("Expected a JSON object", pos);
  pos = skipWhitespace(b, pos + 1);
  if (b[pos] === RBRACE) return { end: pos + 1, members };
  for (;;) {
    if (b[pos] !== QUOTE) throw new JsonScanError("Expected a double-quoted property name", pos);
    const keyEnd = skipString(b, pos);
    const key = b.subarray(pos, keyEnd);
    pos = skipWhitespace(b, keyEnd);
    if (b[pos] !== COLON) throw new JsonScanError("Expected ':'", pos);
    pos = skipWhitespace(b, pos + 1);
    const valueEnd = skipValue(b, pos);
    for (const name of names) if (keyEquals(key, name)) members.set(name, { start: pos, end: valueEnd });
    pos = skipWhitespace(b, valueEnd);
    if (b[pos] === RBRACE) return { end: pos + 1, members };
    if (b[pos] !== COMMA) throw new JsonScanError("Expected ',' or '}'", pos);
    pos = skipWhitespace(b, pos + 1);
  }
}

/**
 * Calls `each(start, index)` for every element of the JSON array at `start`; `each` scans the element
 * and returns the index after it (so it is read once). Returns the index after the array.
 */
export function forEachElement(b: Uint8Array, start: number, each: (start: number, index: number) => number): number {
  if (b[start] !== LBRACKET) throw new JsonScanError("Expected a JSON array", start);
  let pos = skipWhitespace(b, start + 1);
  if (b[pos] === RBRACKET) return pos + 1;
  for (let i = 0; ; i++) {
    pos = skipWhitespace(b, each(pos, i));
    if (b[pos] === RBRACKET) return pos + 1;
    if (b[pos] !== COMMA) throw new JsonScanError("Expected ',' or ']'", pos);
    pos = skipWhitespace(b, pos + 1);
  }
}
