/**
 * The benchmark (run by scripts/bench.sh under scripts/with-moto.sh): seeds the scale scenario,
 * measures lib/ in process, the diff in child processes and, when BENCH_APP_DIR names a production
 * build, the server and the browser; prints a table and writes .bench/results.json.
 * Env: BENCH_RUNS (default 5), BENCH_APP_DIR (a scripts/build-app.sh output; unset skips the server figures),
 * BENCH_LOAD=1 adds the load run through two replicas behind nginx (bench/load.ts), BENCH_LOAD=only runs
 * just that (seeding only the 2,000-workspace backend); its figures go to .bench/load-results.json.
 * BENCH_SIGNIN_FLOOD=1 (with BENCH_APP_DIR: another user's page time during a sign-in flood, bench/sign-in-flood.ts).
 */
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { motoEndpoint } from "@/testkit/moto";
import { benchCore } from "./core";
import { benchCache } from "./cache";
import { benchDiff } from "./diff";
import { benchLibraries } from "./libraries";
import { BENCH_DIR, generatedData, SCENARIO } from "./scenario";
import { benchLoad, LOAD, type LoadFigures } from "./load";
import { benchSearch, searchRows } from "./search";
import { benchBackends, seed, seedListing, type BenchBackends } from "./seed";
import { benchServer, freePort, type PageFigures } from "./server";
import { benchSignInFlood, floodRows, type FloodFigures } from "./sign-in-flood";
import { renderTable, type Row } from "./table";
import { selectedSections } from "./sections";
import type { SeedPart } from "./seed";
import { LISTING_TTL_MS } from "@/lib/domain/workspaces/listing-cache";

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

async function loadRun(appDir: string | undefined, backends: BenchBackends, endpoint: string, names: string[]): Promise<LoadFigures> {
  if (!appDir) throw new Error("the load run needs a server build: BENCH_APP_DIR (scripts/bench.sh sets it unless BENCH_SKIP_SERVER=1)");
  // Three distinct ports: the OS may offer a port it just offered again, since nothing holds it yet.
  const taken = new Set<number>();
  while (taken.size < 3) taken.add(await freePort());
  const [a, b, lb] = [...taken] as [number, number, number];
  const ports = { replicas: [a, b], lb };
  const load = await benchLoad(appDir, backends, endpoint, names, ports, log);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(
    [
      `load run: ${load.users} users pausing ${load.thinkMs.join("-")} ms between pages, ${load.seconds} s through nginx to 2 replicas, a restore every ${LOAD.restoreEveryMs / 1000} s (after a warm-up of ${(load.warmupMs / 1000).toFixed(1)} s: each replica's first estate passes: problems and dependencies)`,
      `  requests ${load.requests} (${load.rps} rps), errors ${load.errors}; latency p50 ${ms(load.p50)}, p95 ${ms(load.p95)}, p99 ${ms(load.p99)}, max ${ms(load.max)}`,
      `  by replica ${JSON.stringify(load.byReplica)}`,
      ...Object.entries(load.byPage).map(([name, p]) => `  ${name}: ${p.requests} requests, p50 ${ms(p.p50)}, p95 ${ms(p.p95)}`),
      `  restores ${load.restores.ok}/${load.restores.attempted} ok (p50 ${ms(load.restores.p50)}, max ${ms(load.restores.max)}); versions ${load.versionsBefore} → ${load.versionsAfter}: ${load.noVersionLost ? "none lost" : "VERSIONS LOST"}; digest ${load.digestMatches ? "matches" : "DOES NOT MATCH"}`,
      `  AWS calls during the run (both replicas): ${load.awsTime.slice(0, 8).map((a) => `${a.call} ${a.count}× ${a.seconds} s`).join("; ")}`,
      ...load.errorSamples.map((e) => `  error: ${e}`),
    ].join("\n"),
  );
  await mkdir(BENCH_DIR, { recursive: true });
  await writeFile(path.join(BENCH_DIR, "load-results.json"), JSON.stringify({ at: new Date().toISOString(), machine: machine(), load }, null, 2) + "\n");
  return load;
}

/** The workspaces a user can browse: the deleted ones have no current state. */
function liveNames(data: { names: string[]; deleted: string[] }): string[] {
  const deleted = new Set(data.deleted);
  return data.names.filter((n) => !deleted.has(n));
}

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const endpoint = motoEndpoint();
  const data = await generatedData(log);
  if (process.env.BENCH_LOAD === "only") {
    const backends = benchBackends(endpoint);
    await seedListing(backends, endpoint, data);
    log(`seeded ${data.names.length + 1} workspaces`);
    await loadRun(process.env.BENCH_APP_DIR, backends, endpoint, liveNames(data));
    return;
  }
  const appDir = process.env.BENCH_APP_DIR;
  const only = process.env.BENCH_ONLY;
  // BENCH_ONLY seeds only what its sections read (the 5,000-version history alone takes minutes under load).
  const parts = only ? [...new Set(selectedSections(only).flatMap((s) => s.needs ?? (["listing", "history", "big"] as const)))] : undefined;
  const backends = await seed(endpoint, data, log, parts);
  const seeded = new Set<SeedPart>(parts ?? ["listing", "history", "big"]);
  const sectionRows = async (): Promise<Row[]> => {
    const out: Row[] = [];
    for (const section of selectedSections(only)) {
      log(`${section.name}…`);
      out.push(...(await section.run({ runs, endpoint, data, backends, seeded, appDir, log })));
    }
    return out;
  };
  if (only) {
    const rows = await sectionRows();
    console.log(renderTable(rows));
    await mkdir(BENCH_DIR, { recursive: true });
    await writeFile(path.join(BENCH_DIR, "results-only.json"), JSON.stringify({ at: new Date().toISOString(), machine: machine(), only, rows }, null, 2) + "\n");
    return;
  }

  log("listing and versions…");
  const core = await benchCore(backends, endpoint, runs, { workspaces: SCENARIO.workspaces, locked: SCENARIO.lockedWorkspaces, deleted: SCENARIO.deletedWorkspaces, versions: SCENARIO.versions });
  log("diff of the 30 MB pair…");
  const diff = benchDiff(data.bigAPath, data.bigBPath, runs);
  log("estate search and locks…");
  const search = await benchSearch(backends, endpoint, runs, log);
  log("caches: lib/cache vs the hand-written LRU it replaced…");
  const caches = benchCache(runs);
  log("hand-written helpers vs libraries…");
  const libraries = benchLibraries(data.bigAPath, data.bigBPath, runs);
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
    ...searchRows(search),
    ...caches.map((c): Row => ({ what: `cache: ${c.workload}, ${c.ops} ops`, value: c.libCache, unit: "ms", baseline: c.handLru, baselineLabel: "hand LRU", ratio: c.libCache.median / c.handLru.median, target: "≤ 1×" })),
    ...libraries.map((l) => ({
      what: `${l.what}: ${l.libraryName} vs hand-written${l.note ? ` (${l.note})` : ""}`,
      value: l.library,
      unit: "ms" as const,
      baseline: l.handWritten,
      baselineLabel: "hand-written",
      ratio: l.library ? l.library.median / l.handWritten.median : null,
      target: "report",
    })),
    ...(server
      ? [...pageRows(`workspaces page (${SCENARIO.workspaces} rows)`, server.workspaces, "listing cache expired"), ...pageRows("diff page (30 MB pair)", server.diff, "first request")]
      : []),
    ...(flood ? floodRows(flood) : []),
    ...(await sectionRows()),
  ];
  const table = renderTable(rows);
  console.log(table);
  await mkdir(BENCH_DIR, { recursive: true });
  const results = { at: new Date().toISOString(), machine: machine(), scenario: SCENARIO, runs, core, diff, search, caches, libraries, server, flood, rows };
  await writeFile(path.join(BENCH_DIR, "results.json"), JSON.stringify(results, null, 2) + "\n");
  log(`results written to ${path.join(BENCH_DIR, "results.json")}`);
  if (process.env.BENCH_LOAD === "1") await loadRun(appDir, backends, endpoint, liveNames(data));
}

main().catch((e: unknown) => {
  console.error("bench failed:", e);
  process.exit(1);
});
