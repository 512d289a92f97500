/**
 * Runs in its own process so its peak RSS belongs to this work alone.
 * Usage: diff-child.ts time RUNS A B  → {jsonParse, parse, diff, total}: ms per run
 *        diff-child.ts memory A B     → {maxRssBytes, baseRssBytes, inputBytes} for one parse ×2 + diff
 */
import { readFileSync } from "node:fs";
import { diffStates } from "@/lib/state/diff";
import { parseState } from "@/lib/state/parse";
import type { ParsedState } from "@/lib/state/types";

function parsed(bytes: Uint8Array): ParsedState {
  const r = parseState(bytes);
  if (r.kind !== "state") throw new Error(`bench state is not a state: ${r.kind}`);
  return r.state;
}

/** Peak resident set (VmHWM) in bytes. */
function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

const [mode, ...args] = process.argv.slice(2);
const decoder = new TextDecoder();
if (mode === "time") {
  const [runs, fa, fb] = args as [string, string, string];
  const a = readFileSync(fa);
  const b = readFileSync(fb);
  const out = { jsonParse: [] as number[], parse: [] as number[], diff: [] as number[], total: [] as number[], changed: 0 };
  for (let i = 0; i <= Number(runs); i++) {
    const t0 = performance.now();
    JSON.parse(decoder.decode(a));
    JSON.parse(decoder.decode(b));
    const t1 = performance.now();
    const sa = parsed(a);
    const sb = parsed(b);
    const t2 = performance.now();
    const d = diffStates(sa, sb);
    const t3 = performance.now();
    out.changed = d.counts.changed + d.counts.added + d.counts.removed;
    // The first round warms the JIT and is not counted.
    if (i === 0) continue;
    out.jsonParse.push(t1 - t0);
    out.parse.push(t2 - t1);
    out.diff.push(t3 - t2);
    out.total.push(t3 - t1);
  }
  process.stdout.write(JSON.stringify(out));
} else if (mode === "memory") {
  const [fa, fb] = args as [string, string];
  const baseRssBytes = peakRss();
  const a = readFileSync(fa);
  const b = readFileSync(fb);
  const d = diffStates(parsed(a), parsed(b));
  process.stdout.write(JSON.stringify({ maxRssBytes: peakRss(), baseRssBytes, inputBytes: a.length + b.length, changed: d.counts.changed }));
} else {
  process.stderr.write("usage: diff-child.ts time RUNS A B | memory A B\n");
  process.exit(2);
}
