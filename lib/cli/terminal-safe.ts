/**
 * Text read from a bucket (lock holders, object keys, state values) can hold control characters;
 * written raw to a terminal, an escape sequence could rewrite the screen, the window title or the
 * clipboard. They are shown as `\uXXXX` instead. Colours are added after this, so they survive.
 */
import type { CliOutput } from "./io";

const ALL_CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;
const CONTROLS_BUT_LINES = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

function escape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** One line of output (a table cell, a printed line): every control character escaped, newlines and tabs too. */
export function terminalSafe(text: string): string {
  return text.replace(ALL_CONTROLS, escape);
}

/** A stream whose text keeps its newlines and tabs but no other control character (stderr, which is never coloured). */
export function terminalSafeOutput(out: CliOutput): CliOutput {
  return { isTTY: out.isTTY, write: (text: string) => out.write(text.replace(CONTROLS_BUT_LINES, escape)) };
}
