/**
 * Hand-written helpers beside the npm libraries that could replace them, on the project's real inputs:
 * the 30 MB pair (lossless JSON of outputs and whole states, line diff), backend option names
 * (Levenshtein suggestions), workspace and resource rows (CLI tables). Only measures; decides nothing.
 */
import { readFileSync } from "node:fs";
import Table from "cli-table3";
import { diffLines } from "diff";
import { parse as losslessParse } from "lossless-json";
import { JsonNumber, parseLossless } from "@/lib/cli/lossless-json";
import { renderTable } from "@/lib/cli/table";
import { nameSuggestion } from "@/lib/config/did-you-mean";
import { ALL_OPTION_NAMES } from "@/lib/config/options";
import { findTopLevelMember } from "@/lib/state/json-scan";
import { lineDiff, maskStateForDisplay } from "@/lib/state/text-diff";
import { figure, type Figure } from "./stats";

export interface LibraryComparison {
  what: string;
  handWritten: Figure;
  library: Figure | null;
  libraryName: string;
  /** Why library is null, or a difference in the answers. */
  note?: string;
}

function times(runs: number, fn: () => unknown): Figure {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return figure(out);
}

/** The project's former hand-written distance (lib/config/did-you-mean.ts before it took fastest-levenshtein). */
function handLevenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Terraform's NameSuggestion rule (distance below 3, first best wins) over the hand-written distance. */
const suggestByHand = (given: string, candidates: readonly string[]) => nameSuggestion(given, candidates, handLevenshtein);

const LOSSLESS_OPTIONS = { onDuplicateKey: ({ newValue }: { newValue: unknown }) => newValue };
const asJsonNumber = (s: string) => new JsonNumber(s);

export function benchLibraries(bigAPath: string, bigBPath: string, runs: number): LibraryComparison[] {
  const a = readFileSync(bigAPath);
  const b = readFileSync(bigBPath);
  const out: LibraryComparison[] = [];

  // Lossless JSON: what the CLI parses (the outputs member), and a whole 30 MB state.
  const span = findTopLevelMember(a, "outputs");
  const outputsText = span ? new TextDecoder().decode(a.subarray(span.start, span.end)) : "{}";
  const whole = new TextDecoder().decode(a);
  const lossless = (text: string) => losslessParse(text, null, { parseNumber: asJsonNumber, ...LOSSLESS_OPTIONS } as never);
  out.push({ what: `lossless JSON, the outputs member (${(outputsText.length / 1024).toFixed(0)} KB)`, handWritten: times(runs * 20, () => parseLossless(outputsText)), library: times(runs * 20, () => lossless(outputsText)), libraryName: "lossless-json" });
  out.push({ what: `lossless JSON, a whole state (${(whole.length / 1048576).toFixed(0)} MB)`, handWritten: times(runs, () => parseLossless(whole)), library: times(runs, () => lossless(whole)), libraryName: "lossless-json" });

  // Levenshtein: misspellings of every backend option name against all of them, as config validation does.
  const names = [...ALL_OPTION_NAMES];
  const typos = names.flatMap((n) => [n.slice(1), n + "s", n.replace(/_/g, "-"), n.toUpperCase()]);
  let differ = 0;
  for (const t of typos) if (nameSuggestion(t, names) !== suggestByHand(t, names)) differ++;
  out.push({
    what: `did-you-mean, ${typos.length} misspellings × ${names.length} option names`,
    handWritten: times(runs * 10, () => typos.map((t) => suggestByHand(t, names))),
    library: times(runs * 10, () => typos.map((t) => nameSuggestion(t, names))),
    libraryName: "fastest-levenshtein",
    note: differ ? `${differ} suggestions differ` : "same suggestions",
  });

  // Line diff of the masked, pretty-printed 30 MB pair, as the diff page and `diff --text` do.
  const ma = maskStateForDisplay(a);
  const mb = maskStateForDisplay(b);
  const hand = times(Math.min(runs, 3), () => lineDiff(ma, mb));
  // jsdiff has no anchoring: bounded by its own timeout and edit length so that the benchmark always ends
  // (undefined = gave up). On this pair it finishes well inside both; the answers are compared by the
  // number of lines each marks removed and added.
  const LIMIT_MS = 60_000;
  const MAX_EDITS = 20_000;
  let libAnswer: ReturnType<typeof diffLines> | undefined;
  const lib = times(Math.min(runs, 3), () => {
    libAnswer = diffLines(ma, mb, { timeout: LIMIT_MS, maxEditLength: MAX_EDITS });
  });
  const handLines = lineDiff(ma, mb).flatMap((h) => h.lines);
  const handCounts = `${handLines.filter((l) => l.kind === "-").length}-/${handLines.filter((l) => l.kind === "+").length}+`;
  const libCounts = libAnswer ? `${libAnswer.filter((c) => c.removed).reduce((n, c) => n + (c.count ?? 0), 0)}-/${libAnswer.filter((c) => c.added).reduce((n, c) => n + (c.count ?? 0), 0)}+` : null;
  out.push({
    what: `line diff, masked 30 MB pair (${(ma.length / 1048576).toFixed(0)} MB text)`,
    handWritten: hand,
    library: libAnswer ? lib : null,
    libraryName: "diff (jsdiff)",
    note: libCounts ? `lines hand ${handCounts}, jsdiff ${libCounts}` : `jsdiff gave up (over ${MAX_EDITS} edits or ${LIMIT_MS / 1000} s)`,
  });

  // CLI tables: 2,000 workspace rows, and 20,000 resource rows (cli-table3 takes about a minute for 20,000 and grows
  // faster than the rows, so 100,000 would hold the benchmark for many minutes to say the same thing).
  for (const count of [2_000, 20_000]) {
    const rows = Array.from({ length: count }, (_, i) => [`module.app_${i % 50}.aws_instance.web[${i}]`, "aws_instance", String(i % 7), i % 97 === 0 ? "1 tainted" : ""]);
    const columns = [{ header: "ADDRESS" }, { header: "TYPE" }, { header: "INSTANCES", right: true }, { header: "STATUS" }];
    const plain = { top: "", "top-mid": "", "top-left": "", "top-right": "", bottom: "", "bottom-mid": "", "bottom-left": "", "bottom-right": "", left: "", "left-mid": "", mid: "", "mid-mid": "", right: "", "right-mid": "", middle: "  " };
    const withLibrary = () => {
      const t = new Table({ head: columns.map((c) => c.header), chars: plain, style: { head: [], border: [], "padding-left": 0, "padding-right": 0 }, colAligns: ["left", "left", "right", "left"] });
      for (const r of rows) t.push(r);
      return t.toString();
    };
    out.push({ what: `CLI table, ${count.toLocaleString("en")} rows`, handWritten: times(runs, () => renderTable(columns, rows, false)), library: times(count > 10_000 ? 1 : runs, withLibrary), libraryName: "cli-table3" });
  }
  return out;
}
