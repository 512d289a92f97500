/**
 * The nesting bound every reader of state bytes applies before walking a value. It only scans
 * bytes (iteratively, strings skipped), never builds objects, so it cannot itself overflow.
 */
import { StateUnreadableError } from "@/lib/errors";

/**
 * Deepest nesting of arrays and objects Statehouse reads. Terraform and OpenTofu (Go's
 * encoding/json) refuse states nested beyond 10,000 levels; Statehouse stops at 1,000 because
 * JavaScript's JSON.stringify and the page renderer recurse, and a recursive walk 10,000 frames
 * deep overflows Node's default stack. Real states are a few tens of levels deep.
 */
export const MAX_NESTING_DEPTH = 1000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Byte offset of the first `[` or `{` that opens level `limit + 1`, or -1 when `b` stays within `limit` levels. */
export function nestingTooDeepAt(b: Uint8Array, limit = MAX_NESTING_DEPTH, start = 0): number {
  let depth = 0;
  for (let i = start; i < b.length; i++) {
    const c = b[i]!;
    if (c === QUOTE) {
      for (i++; i < b.length && b[i] !== QUOTE; i++) if (b[i] === BACKSLASH) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return -1;
}

/** The user-facing sentence for a state that is nested too deeply. */
export function tooDeepMessage(position: number, limit = MAX_NESTING_DEPTH): string {
  return `The state is nested more than ${limit.toLocaleString("en-US")} levels deep (at byte ${position}), deeper than Statehouse reads; no real state comes near that.`;
}

/** Throws StateUnreadableError when `b` nests deeper than `limit`; every recursive walk over state values relies on it. */
export function assertNestingWithin(b: Uint8Array, limit = MAX_NESTING_DEPTH, start = 0): void {
  const at = nestingTooDeepAt(b, limit, start);
  if (at >= 0) throw new StateUnreadableError(tooDeepMessage(at, limit), { position: at, limit });
}
