/**
 * The benchmark (run by scripts/bench.sh under scripts/with-moto.sh): seeds the scale scenario,
 * measures lib/ in process, the diff in child processes and, when BENCH_APP_DIR names a production
 * build, the server and the browser; prints a table and writes .bench/results.json.
 * Env: BENCH_RUNS (default 5), BENCH_APP_DIR (a `next build` output; unset skips the server figures),
 * BENCH_SIGNIN_FLOOD=1 (with BENCH_APP_DIR: another user's page time during a sign-in flood, bench/sign-in-flood.ts).
 */
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { motoEndpoint } from "@/testkit/moto";
import { benchCore } from "./core";
import { benchDiff } from "./diff";
import { BENCH_DIR, generatedData, SCENARIO } from "./scenario";
import { seed } from "./seed";
import { benchServer, type PageFigures } from "./server";
import { benchSignInFlood, floodRows, type FloodFigures } from "./sign-in-flood";
import { renderTable, type Row } from "./table";
import { LISTING_TTL_MS } from "@/lib/service/listing-cache";

const log = (m: string) => console.error(`bench: ${m}`);

function machine() {
  const cpu = /^model name\s*:\s*(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return { nproc: os.availableParallelism(), memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), cpu, node: process.version, loadavg: os.loadavg() };
}

function pageRows(name: string, p: PageFigures, coldNote: string): Row[] {
  return [
    { what: `${name}: TTFB, ${coldNote}`, value: p.coldTtfb, unit: "ms" },
    { what: `${name}: complete, ${coldNote}`, value: p.coldTotal, unit: "ms" },
    { what: `${name}: TTFB, warm`, value: p.warmTtfb, unit: "ms" },
    { what: `${name}: complete, warm (${(p.bytes / 1024).toFixed(0)} KB)`, value: p.warmTotal, unit: "ms" },
    { what: `${name}: longest browser long task`, value: p.longestTask, unit: "ms", target: "report" },
  ];
}

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const endpoint = motoEndpoint();
  const data = await generatedData(log);
  const backends = await seed(endpoint, data, log);

  log("listing and versions…");
  const core = await benchCore(backends, endpoint, runs, { workspaces: SCENARIO.workspaces, locked: SCENARIO.lockedWorkspaces, deleted: SCENARIO.deletedWorkspaces, versions: SCENARIO.versions });
  log("diff of the 30 MB pair…");
  const diff = benchDiff(data.bigAPath, data.bigBPath, runs);
  const appDir = process.env.BENCH_APP_DIR;
  let server = null;
  if (appDir) {
    log("server and browser…");
    server = await benchServer(appDir, backends, endpoint, runs, LISTING_TTL_MS + 100, data.names.at(-1)!, log);
  }
  let flood: FloodFigures | null = null;
  if (appDir && process.env.BENCH_SIGNIN_FLOOD === "1") {
    log("sign-in flood…");
    flood = await benchSignInFlood(appDir, endpoint, runs, log);
  }

  const mb = (n: number) => (n / 1048576).toFixed(0);
  const rows: Row[] = [
    { what: `live listing + locks, ${SCENARIO.workspaces} ws + ${SCENARIO.unrelatedObjects} others, cold (includeDeleted: false)`, value: core.noDeleted.subject, unit: "ms", baseline: core.noDeleted.baseline, baselineLabel: "raw (a)", ratio: core.noDeleted.ratio, target: "≤ 1.3×" },
    { what: `listWorkspaces, with the ${SCENARIO.deletedWorkspaces} deleted found alongside, cold`, value: core.cold.subject, unit: "ms", baseline: core.cold.baseline, baselineLabel: "raw (a)", ratio: core.cold.ratio, target: "report" },
    { what: "  same, vs raw (b) = raw (a) alongside raw (c)", value: core.coldSameAnswer.subject, unit: "ms", baseline: core.coldSameAnswer.baseline, baselineLabel: "raw (b)", ratio: core.coldSameAnswer.ratio, target: "≤ 1.3×" },
    { what: "deleted-workspace discovery alone (live listing given)", value: core.deleted.subject, unit: "ms", baseline: core.deleted.baseline, baselineLabel: "raw (c)", ratio: core.deleted.ratio, target: "≤ 1.3×" },
    { what: "listWorkspacesCached, warm (from memory)", value: core.warm, unit: "ms", target: "< 50 ms" },
    { what: "listWorkspacesCached, listing TTL expired", value: core.refresh.subject, unit: "ms", baseline: core.refresh.baseline, baselineLabel: "raw (a)", ratio: core.refresh.ratio, target: "≤ 1.3×" },
    { what: "listWorkspacesCached, lock TTL expired", value: core.locksReread, unit: "ms" },
    { what: `listVersions, ${SCENARIO.versions} versions`, value: core.versions.subject, unit: "ms", baseline: core.versions.baseline, baselineLabel: "raw", ratio: core.versions.ratio, target: "≤ 1.3×" },
    { what: `parseState ×2 + diffStates (${mb(diff.inputBytes)} MB, ${diff.changed} instances differ)`, value: diff.total, unit: "ms", baseline: diff.jsonParse, baselineLabel: "JSON.parse ×2", ratio: diff.total.median / diff.jsonParse.median },
    { what: "  of which diffStates vs parseState ×2", value: diff.diff, unit: "ms", baseline: diff.parse, baselineLabel: "parse", ratio: diff.diff.median / diff.parse.median, target: "≤ 2×" },
    { what: `peak RSS of parse ×2 + diff (node alone: ${mb(diff.baseRss)} MB)`, value: diff.maxRss, unit: "MB", ratio: diff.maxRss.median / diff.inputBytes, target: "≤ 6× input" },
    ...(server
      ? [...pageRows(`workspaces page (${SCENARIO.workspaces} rows)`, server.workspaces, "listing cache expired"), ...pageRows("diff page (30 MB pair)", server.diff, "first request")]
      : []),
    ...(flood ? floodRows(flood) : []),
  ];
  const table = renderTable(rows);
  console.log(table);
  await mkdir(BENCH_DIR, { recursive: true });
  const results = { at: new Date().toISOString(), machine: machine(), scenario: SCENARIO, runs, core, diff, server, flood, rows };
  await writeFile(path.join(BENCH_DIR, "results.json"), JSON.stringify(results, null, 2) + "\n");
  log(`results written to ${path.join(BENCH_DIR, "results.json")}`);
}

main().catch((e: unknown) => {
  console.error("bench failed:", e);
  process.exit(1);
});
