/**
 * JSON exactly as Go writes it with `json.MarshalIndent(v, "", "  ")` over values produced by
 * cty's JSON marshaller: object keys sorted (cty sorts attribute names, Go sorts map keys),
 * Go's string escaping (`<`, `>`, `&`, U+2028/9 escaped), numbers in plain decimal (cty prints
 * big.Float with Text('f', -1): never an exponent). Used where the CLI must match terraform byte
 * for byte; JSON.stringify cannot do it (it orders integer-like keys first and writes 1e+21).
 */
import { goJsonString } from "@/lib/gocompat/lockinfo";
import { compareBytewise } from "@/lib/gocompat/type-expr";
import { InvalidInputError } from "@/lib/errors";
import { JsonNumber } from "@/lib/cli/lossless-json";

export function goMarshalIndent(value: unknown, indent = ""): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return goJsonString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return goDecimal(value);
  }
  if (value instanceof JsonNumber) return goDecimalText(value.text);
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + goMarshalIndent(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object") {
    const keys = Object.keys(value).sort(compareBytewise);
    if (keys.length === 0) return "{}";
    const obj = value as Record<string, unknown>;
    return `{\n${keys.map((k) => `${inner}${goJsonString(k)}: ${goMarshalIndent(obj[k], inner)}`).join(",\n")}\n${indent}}`;
  }
  throw new InvalidInputError(`Cannot write a ${typeof value} value as JSON.`);
}

/** A finite number in plain decimal notation: 1e21 → "1000000000000000000000", 1e-7 → "0.0000001". */
export function goDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new InvalidInputError(`Cannot write the number ${n} as JSON.`);
  return goDecimalText(String(n));
}

/**
 * A JSON number literal as cty prints it after reading it into a big.Float: plain decimal, no
 * exponent, no redundant zeros ("1.50e2" → "150"). Exact: the digits are moved, never computed.
 */
export function goDecimalText(literal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!m) throw new InvalidInputError(`"${literal}" is not a JSON number.`);
  const [, sign, int, frac = "", exp = "0"] = m;
  let digits = int! + frac;
  // Position of the decimal point within `digits` after applying the exponent.
  let point = int!.length + Number(exp);
  const lead = /^0*/.exec(digits)![0].length;
  digits = digits.slice(lead).replace(/0+$/, "");
  point -= lead;
  if (digits === "") return `${sign}0`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
