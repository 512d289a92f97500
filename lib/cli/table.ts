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

const SURROGATES = /[\ud800-\udfff]/;

/** Display width in terminal columns: code points, which is right for the text these tables hold. */
function width(s: string): number {
  // Most cells are plain ASCII: counting code points only when a surrogate is there keeps a million rows cheap.
  if (!SURROGATES.test(s)) return s.length;
  let pairs = 0;
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return s.length - pairs;
}

/** One pass over the rows, no spread into Math.max: a million rows would overflow the call stack. */
function columnWidths(columns: readonly Column[], rows: readonly (readonly Cell[])[]): number[] {
  const widths = columns.map((c) => width(c.header));
  for (const r of rows) {
    for (let i = 0; i < widths.length; i++) {
      const w = width(cellText(r[i]));
      if (w > widths[i]!) widths[i] = w;
    }
  }
  return widths;
}

/** The table's lines, header first, each without its newline; computed one at a time. */
function* tableLines(columns: readonly Column[], rows: readonly (readonly Cell[])[], color: boolean): Generator<string> {
  const widths = columnWidths(columns, rows);
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
  yield line(
    columns.map((c) => c.header),
    columns.map(() => "bold"),
  );
  for (const r of rows) {
    yield line(
      columns.map((_, i) => cellText(r[i])),
      columns.map((_, i) => cellTone(r[i])),
    );
  }
}

/** The whole table as one string: for small tables (and tests); big ones go through writeTable. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly Cell[])[], color: boolean): string {
  return [...tableLines(columns, rows, color)].join("\n") + "\n";
}

const CHUNK_CHARS = 64 * 1024;

/**
 * Writes the table in chunks of about 64 KiB, waiting for the stream to drain whenever it asks to:
 * the output of a million-resource state is never one string, nor queued whole in the stream.
 */
export async function writeTable(out: CliOutput, columns: readonly Column[], rows: readonly (readonly Cell[])[], color: boolean): Promise<void> {
  let chunk = "";
  const flush = async () => {
    const more = out.write(chunk);
    chunk = "";
    if (more === false && out.once) await new Promise<void>((resolve) => out.once!("drain", resolve));
  };
  for (const l of tableLines(columns, rows, color)) {
    chunk += l + "\n";
    if (chunk.length >= CHUNK_CHARS) await flush();
  }
  if (chunk !== "") await flush();
}

function cellText(c: Cell | undefined): string {
  return terminalSafe(c === undefined ? "" : typeof c === "string" ? c : c.text);
}

function cellTone(c: Cell | undefined): Tone | undefined {
  return c !== undefined && typeof c !== "string" ? c.tone : undefined;
}
