/**
 * lib/cache (lru-cache) against the hand-written LRU it replaced, on the project's own workloads:
 * keys shaped as the caches build them, values of the real kinds, weights from real state sizes.
 * Run alone: node --import tsx bench/cache.ts
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createCache } from "@/lib/cache/cache";
import { CACHE_POLICIES } from "@/lib/cache/policies";
import { parseState } from "@/lib/state/parse";
import { LruCache } from "./baselines/hand-lru";
import { figure, type Figure } from "./stats";

const UPSTREAM = path.resolve(import.meta.dirname, "../../shared/fixtures/upstream");

export interface CacheFigures {
  workload: string;
  ops: number;
  libCache: Figure;
  handLru: Figure;
}

interface Store<V> {
  get(k: string, validator?: string): V | undefined;
  set(k: string, v: V, validator?: string): unknown;
}

/** A deterministic sequence, so both caches see the same keys. */
function* lcg(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x;
  }
}

function run<V>(store: Store<V>, keys: string[], values: V[], ops: number): number {
  const rnd = lcg(7);
  const t0 = performance.now();
  let hits = 0;
  for (let i = 0; i < ops; i++) {
    const r = rnd.next().value as number;
    const k = keys[r % keys.length]!;
    if (store.get(k) !== undefined) hits++;
    else store.set(k, values[r % values.length]!);
  }
  if (hits < 0) throw new Error("unreachable");
  return performance.now() - t0;
}

function compare<V>(workload: string, runs: number, ops: number, keys: string[], values: V[], make: () => [Store<V>, Store<V>]): CacheFigures {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const [lib, hand] = make();
    const ta = run(lib, keys, values, ops);
    const tb = run(hand, keys, values, ops);
    // The first round only warms the JIT.
    if (i > 0) {
      a.push(ta);
      b.push(tb);
    }
  }
  return { workload, ops, libCache: figure(a), handLru: figure(b) };
}

export function benchCache(runs: number): CacheFigures[] {
  const files = readdirSync(UPSTREAM).filter((f) => f.endsWith(".tfstate"));
  const parsed = files.map((f) => {
    const bytes = readFileSync(path.join(UPSTREAM, f));
    return { result: parseState(bytes), size: statSync(path.join(UPSTREAM, f)).size };
  });
  const object = "statehouse-bench/env:/ws-%/network/terraform.tfstate";
  // Summaries: 60,000 (object, version, predecessor) keys against a 50,000-entry bound.
  const summaryKeys = Array.from({ length: 60_000 }, (_, i) => `${object.replace("%", String(i % 2000))}#v${i}<v${i - 1}`);
  const summaries = parsed.map((p, i) => ({ versionId: `v${i}`, kind: p.result.kind, serial: i, resources: p.size, changes: null }));
  const out: CacheFigures[] = [];
  out.push(
    compare("version summaries (count bound, 60k keys over 50k)", runs, 300_000, summaryKeys, summaries, () => [
      createCache(CACHE_POLICIES.versionSummaries),
      new LruCache({ maxEntries: CACHE_POLICIES.versionSummaries.maxEntries }),
    ]),
  );
  // Parsed states: weights are real state sizes scaled up to the big states the dashboard holds (MBs), so the byte bound evicts.
  const stateKeys = Array.from({ length: 2_000 }, (_, i) => `statehouse-bench\0${object.replace("%", String(i))}\0v:${i}`);
  const states = parsed.map((p, i) => ({ ...p, size: p.size * (1 + (i % 40)) * 64 }));
  const sizeOf = (s: { size: number }) => Math.max(s.size, 1) * 4;
  out.push(
    compare("state parses (count and byte bound, weights from real states)", runs, 300_000, stateKeys, states, () => [
      createCache({ ...CACHE_POLICIES.stateParses, sizeOf }),
      new LruCache({ maxEntries: CACHE_POLICIES.stateParses.maxEntries, maxBytes: CACHE_POLICIES.stateParses.maxBytes, sizeOf }),
    ]),
  );
  return out;
}

if (process.argv[1]?.endsWith("cache.ts")) {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  for (const f of benchCache(runs)) {
    const ratio = f.libCache.median / f.handLru.median;
    console.log(`${f.workload}: ${f.ops} get-or-set ops, lib/cache ${f.libCache.median.toFixed(1)} ms (min ${f.libCache.min.toFixed(1)}), hand-written LRU ${f.handLru.median.toFixed(1)} ms (min ${f.handLru.min.toFixed(1)}), ratio ${ratio.toFixed(2)}×`);
  }
}
