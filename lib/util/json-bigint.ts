/**
 * JSON.stringify that writes BigInt values (state serials) as exact JSON numbers; plain
 * JSON.stringify throws on them, and converting to Number would round serials beyond 2^53.
 */
import { randomBytes } from "node:crypto";

/** JSON text of `value` with every bigint written as its decimal digits. */
export function stringifyWithBigInt(value: unknown, space?: number): string {
  // A per-call token marks the placeholders, so no string in the value can be mistaken for one.
  const token = randomBytes(8).toString("hex");
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${token}:${v}` : v), space) ?? "null";
  return text.replace(new RegExp(`"${token}:(-?\\d+)"`, "g"), "$1");
}
