/**
 * Runs in its own process so its peak RSS belongs to this read alone.
 * Usage: state-memory-child.ts statehouse FILE → what the State page does: parseState, the outline's first page, one instance's attributes
 *        state-memory-child.ts baseline FILE   → JSON.parse of the whole text (the floor of a read that parses it whole)
 * Prints {baseRssBytes, maxRssBytes, inputBytes, ms}.
 */
import { readFileSync } from "node:fs";
import { instanceAttributes, stateOutlinePage } from "@/lib/domain/state/view";
import { parseState } from "@/lib/state/parse";

const peakRss = () => process.resourceUsage().maxRSS * 1024;
const [mode, file] = process.argv.slice(2) as [string, string];
const baseRssBytes = peakRss();
const t0 = performance.now();
const bytes = readFileSync(file);
if (mode === "statehouse") {
  const r = parseState(bytes);
  if (r.kind !== "state") throw new Error(`bench state is not a state: ${r.kind}`);
  const page = stateOutlinePage(r.state, { limit: 200 });
  const first = page.rows.find((x) => x.kind === "resource");
  if (first?.kind === "resource") instanceAttributes(r.state, first.address);
} else if (mode === "baseline") {
  JSON.parse(new TextDecoder().decode(bytes));
} else {
  process.stderr.write("usage: state-memory-child.ts statehouse|baseline FILE\n");
  process.exit(2);
}
process.stdout.write(JSON.stringify({ baseRssBytes, maxRssBytes: peakRss(), inputBytes: bytes.length, ms: performance.now() - t0 }));
