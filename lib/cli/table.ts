/**
 * Aligned plain-text tables. Colour (bold headers, highlighted cells) only on a terminal and
 * never when NO_COLOR is set, so piped output stays plain text that greps and diffs cleanly.
 */
import type { CliIo, CliOutput } from "./io";
import { terminalSafe } from "./terminal-safe";

export interface Column {
  header: string;
  /** Right-aligned (sizes, counts). */
  right?: boolean;
}

export type Tone = "warn" | "bad" | "dim";
/** A cell: its text, optionally with a tone used when colour is on. */
export type Cell = string | { text: string; tone?: Tone };

const TONES: Record<Tone | "bold", [string, string]> = {
  bold: ["\x1b[1m", "\x1b[22m"],
  warn: ["\x1b[33m", "\x1b[39m"],
  bad: ["\x1b[31m", "\x1b[39m"],
  dim: ["\x1b[2m", "\x1b[22m"],
};

export function colorEnabled(out: CliOutput, env: CliIo["env"]): boolean {
  return out.isTTY === true && env.NO_COLOR === undefined && env.TERM !== "dumb";
}

function paint(text: string, tone: Tone | "bold" | undefined, color: boolean): string {
  if (!color || !tone || text === "") return text;
  const [on, off] = TONES[tone];
  return on + text + off;
}

/** Display width in terminal columns: code points, which is right for the text these tables hold. */
function width(s: string): number {
  return Array.from(s).length;
}

export function renderTable(columns: readonly Column[], rows: readonly (readonly Cell[])[], color: boolean): string {
  const texts = rows.map((r) => columns.map((_, i) => cellText(r[i])));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...texts.map((t) => width(t[i]!))));
  const line = (cells: readonly string[], tones: readonly (Tone | "bold" | undefined)[]) =>
    cells
      .map((text, i) => {
        const pad = " ".repeat(widths[i]! - width(text));
        const last = i === cells.length - 1;
        const body = paint(text, tones[i], color);
        return columns[i]!.right ? pad + body : last ? body : body + pad;
      })
      .join("  ")
      .trimEnd();
  const out = [line(columns.map((c) => c.header), columns.map(() => "bold"))];
  rows.forEach((r, ri) => out.push(line(texts[ri]!, columns.map((_, i) => cellTone(r[i])))));
  return out.join("\n") + "\n";
}

function cellText(c: Cell | undefined): string {
  return terminalSafe(c === undefined ? "" : typeof c === "string" ? c : c.text);
}

function cellTone(c: Cell | undefined): Tone | undefined {
  return c !== undefined && typeof c !== "string" ? c.tone : undefined;
}
