/**
 * A tiny HCL writer that lays out attributes the way `terraform fmt` does: consecutive
 * single-line `name = value` lines at one level form a run whose `=` signs are aligned;
 * a multi-line value, a comment or a blank line ends the run.
 */
import { hclQuote } from "./address";

export type HclValue = string | number | boolean | HclValue[] | HclObject | HclRaw;
export interface HclObject {
  [key: string]: HclValue;
}
/** An expression written as is (a variable reference). A class, so no option value can pose as one. */
export class HclRaw {
  constructor(readonly raw: string) {}
}

/** A line of a body: an attribute or a comment. */
export type HclItem = { name: string; value: HclValue } | { comment: string };

const INDENT = "  ";
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function isObject(v: HclValue): v is HclObject {
  return typeof v === "object" && !Array.isArray(v) && !(v instanceof HclRaw);
}

function objectKey(name: string): string {
  return IDENTIFIER.test(name) ? name : hclQuote(name);
}

function inline(v: HclValue): string {
  if (typeof v === "string") return hclQuote(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(inline).join(", ")}]`;
  if (v instanceof HclRaw) return v.raw;
  // Objects inside lists (rare in backend options) go on one line.
  return `{ ${Object.entries(v).map(([k, x]) => `${objectKey(k)} = ${inline(x)}`).join(", ")} }`;
}

/** Body lines at `depth`, aligned as terraform fmt aligns them. */
export function formatBody(items: HclItem[], depth: number): string[] {
  const pad = INDENT.repeat(depth);
  const lines: string[] = [];
  let run: [string, string][] = [];
  const flush = () => {
    const width = Math.max(...run.map(([k]) => k.length));
    for (const [k, v] of run) lines.push(`${pad}${k.padEnd(width)} = ${v}`);
    run = [];
  };
  for (const item of items) {
    if ("comment" in item) {
      flush();
      lines.push(`${pad}# ${item.comment}`);
      continue;
    }
    const key = objectKey(item.name);
    if (isObject(item.value) && Object.keys(item.value).length > 0) {
      flush();
      lines.push(`${pad}${key} = {`);
      lines.push(...formatBody(Object.entries(item.value).map(([name, value]) => ({ name, value })), depth + 1));
      lines.push(`${pad}}`);
    } else {
      run.push([key, isObject(item.value) ? "{}" : inline(item.value)]);
    }
  }
  flush();
  return lines;
}
