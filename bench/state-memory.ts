/**
 * Memory of reading one big state (issue 13 item 3): peak RSS above the process's start against the
 * state's bytes, for a 30 MB and a 200 MB state, each read in a child process of its own
 * (state-memory-child.ts). Statehouse's read (parseState + the State page's first outline page) beside
 * the raw baseline of one JSON.parse of the whole text. Target: at most 3× the bytes plus a constant.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { writeBigState } from "@/testkit/big-state";
import { BENCH_DIR } from "./scenario";
import type { BenchSection } from "./section";
import { figure } from "./stats";
import type { Row } from "./table";

/** About 330 bytes a resource (one instance, a nested map, one sensitive value). */
const BYTES_PER_RESOURCE = 330;
const SIZES_MB = [30, 200];

interface ChildFigures {
  baseRssBytes: number;
  maxRssBytes: number;
  inputBytes: number;
  ms: number;
}

function child(mode: "statehouse" | "baseline", file: string): ChildFigures {
  const script = path.join(import.meta.dirname, "state-memory-child.ts");
  const env = { ...process.env, TSX_TSCONFIG_PATH: path.join(import.meta.dirname, "..", "tsconfig.plain-node.json"), NODE_OPTIONS: "" };
  return JSON.parse(execFileSync(process.execPath, ["--import", "tsx", script, mode, file], { encoding: "utf8", maxBuffer: 1 << 20, env })) as ChildFigures;
}

export const stateMemorySection: BenchSection = {
  name: "state-memory",
  needs: [],
  async run({ runs, log }): Promise<Row[]> {
    const dir = path.join(BENCH_DIR, "data", "state-memory");
    await mkdir(dir, { recursive: true });
    const rows: Row[] = [];
    for (const mb of SIZES_MB) {
      const file = path.join(dir, `state-${mb}mb.json`);
      if (!existsSync(file)) {
        log(`writing a ${mb} MB state…`);
        await writeBigState(file, Math.round((mb * 1e6) / BYTES_PER_RESOURCE));
      }
      const ours: ChildFigures[] = [];
      const base: ChildFigures[] = [];
      for (let i = 0; i < runs; i++) {
        ours.push(child("statehouse", file));
        base.push(child("baseline", file));
      }
      const bytes = ours[0]!.inputBytes;
      const above = (f: ChildFigures) => f.maxRssBytes - f.baseRssBytes;
      const o = figure(ours.map(above));
      const b = figure(base.map(above));
      log(`${mb} MB: Statehouse ${(o.median / bytes).toFixed(2)}× the bytes (${(figure(ours.map((f) => f.ms)).median / 1000).toFixed(1)} s), JSON.parse whole ${(b.median / bytes).toFixed(2)}×`);
      rows.push({
        what: `read a ${(bytes / 1e6).toFixed(0)} MB state (${Math.round(bytes / BYTES_PER_RESOURCE).toLocaleString("en-US")} resources): peak RSS above start`,
        value: o,
        unit: "MB",
        baseline: b,
        baselineLabel: "JSON.parse of the whole text",
        ratio: o.median / bytes,
        target: "≤ 3× the state's bytes + a constant (ratio = peak ÷ bytes)",
      });
      rows.push({ what: `read a ${(bytes / 1e6).toFixed(0)} MB state: time`, value: figure(ours.map((f) => f.ms)), unit: "ms", baseline: figure(base.map((f) => f.ms)), baselineLabel: "JSON.parse of the whole text" });
    }
    return rows;
  },
};
