/** Structural diff of the 30 MB pair, measured in child processes (timing, then peak memory). */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { figure, type Figure } from "./stats";

export interface DiffFigures {
  jsonParse: Figure;
  parse: Figure;
  diff: Figure;
  /** parseState ×2 + diffStates. */
  total: Figure;
  /** Instances added + removed + changed, as diffStates found them. */
  changed: number;
  maxRss: Figure;
  baseRss: number;
  inputBytes: number;
}

function child(args: string[]): unknown {
  const script = path.join(import.meta.dirname, "diff-child.ts");
  const env = { ...process.env, TSX_TSCONFIG_PATH: path.join(import.meta.dirname, "..", "tsconfig.plain-node.json") };
  const out = execFileSync(process.execPath, ["--import", "tsx", script, ...args], { encoding: "utf8", maxBuffer: 1 << 20, env });
  return JSON.parse(out);
}

export function benchDiff(a: string, b: string, runs: number): DiffFigures {
  const t = child(["time", String(runs), a, b]) as { jsonParse: number[]; parse: number[]; diff: number[]; total: number[]; changed: number };
  const mem: { maxRssBytes: number; baseRssBytes: number; inputBytes: number }[] = [];
  for (let i = 0; i < runs; i++) mem.push(child(["memory", a, b]) as (typeof mem)[number]);
  return {
    jsonParse: figure(t.jsonParse),
    parse: figure(t.parse),
    diff: figure(t.diff),
    total: figure(t.total),
    changed: t.changed,
    maxRss: figure(mem.map((m) => m.maxRssBytes)),
    baseRss: mem[0]?.baseRssBytes ?? 0,
    inputBytes: mem[0]?.inputBytes ?? 0,
  };
}
