/**
 * A JSON parser that keeps numbers as their source text. `terraform output -json` prints numbers
 * as cty holds them (512-bit big.Float), e.g. the 150-digit result of `1/3` or an integer beyond
 * 2^53; JSON.parse would round both to a double. Only used on the small `outputs` member.
 */
import { InvalidInputError } from "@/lib/errors";

export class JsonNumber {
  constructor(readonly text: string) {}
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseLossless(text: string): unknown {
  let pos = 0;
  const fail = (what: string): never => {
    throw new InvalidInputError(`Invalid JSON: ${what} at offset ${pos}.`);
  };
  const ws = () => {
    while (pos < text.length && (text[pos] === " " || text[pos] === "\n" || text[pos] === "\r" || text[pos] === "\t")) pos++;
  };
  const expect = (c: string) => {
    ws();
    if (text[pos] !== c) fail(`expected '${c}'`);
    pos++;
  };
  const str = (): string => {
    const start = pos;
    for (pos++; text[pos] !== '"'; pos++) {
      if (pos >= text.length) fail("unterminated string");
      if (text[pos] === "\\") pos++;
    }
    pos++;
    // The escapes are JSON's own: let JSON.parse decode the one string token.
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const value = (): unknown => {
    ws();
    const c = text[pos];
    if (c === '"') return str();
    if (c === "{") {
      pos++;
      // No prototype: a "__proto__" key is then an ordinary member, as in any other JSON.
      const obj = Object.create(null) as Record<string, unknown>;
      ws();
      if (text[pos] === "}") return pos++, obj;
      for (;;) {
        ws();
        if (text[pos] !== '"') fail("expected a member name");
        const key = str();
        expect(":");
        obj[key] = value();
        ws();
        if (text[pos] === ",") pos++;
        else return expect("}"), obj;
      }
    }
    if (c === "[") {
      pos++;
      const arr: unknown[] = [];
      ws();
      if (text[pos] === "]") return pos++, arr;
      for (;;) {
        arr.push(value());
        ws();
        if (text[pos] === ",") pos++;
        else return expect("]"), arr;
      }
    }
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, pos)) return (pos += word.length), v;
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail("unexpected character");
    pos = NUMBER.lastIndex;
    return new JsonNumber(m[0]);
  };
  const result = value();
  ws();
  if (pos !== text.length) fail("unexpected data after the value");
  return result;
}
