/**
 * The load run (BENCH_LOAD=1): two standalone replicas behind nginx on loopback (testkit/replicas.ts),
 * LOAD_USERS concurrent users browsing the 2,000-workspace backend for LOAD_SECONDS while an admin
 * restores a workspace every RESTORE_EVERY_MS through the same load balancer. Reports requests per
 * second, latency percentiles and errors; afterwards checks that no version was lost and the digest
 * matches. Bounded in users, time and requests; never leaves loopback.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { openBackend } from "@/lib/backend/context";
import { digestIdFor, stateKey } from "@/lib/backend/keys";
import { rawClients } from "@/testkit/moto";
import { startReplicaSet } from "@/testkit/replicas";
import { buildState, lineageFor } from "@/testkit/states";
import { ToolWriter, type WriteResult } from "@/testkit/tool-writer";
import type { BenchBackends } from "./seed";
import { cookieHeader, signIn, writeConfig } from "./server";

/**
 * The run's shape. Each user is a person browsing: a page, then `thinkMs` (uniform between the two bounds) reading it
 * before the next click. BENCH_LOAD_THINK_MS=0 makes every user click again the moment a page arrives: a saturation
 * test of the machine, not a figure of people browsing. Users and seconds may be changed for a quick look:
 * BENCH_LOAD_USERS, BENCH_LOAD_SECONDS.
 */
const thinkBounds = (process.env.BENCH_LOAD_THINK_MS ?? "1000-4000").split("-").map(Number);
export const LOAD = {
  users: Number(process.env.BENCH_LOAD_USERS ?? 50),
  seconds: Number(process.env.BENCH_LOAD_SECONDS ?? 60),
  thinkMs: [thinkBounds[0] ?? 0, thinkBounds[1] ?? thinkBounds[0] ?? 0] as const,
  restoreEveryMs: 3_000,
  historyVersions: 4,
  maxRequests: 200_000,
} as const;
const RESTORE_WORKSPACE = "load-restore";

export interface LoadFigures {
  users: number;
  /** Each user's pause between pages, lowest and highest (uniform); [0, 0] is the saturation test. */
  thinkMs: number[];
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  errorSamples: string[];
  byReplica: Record<string, number>;
  byPage: Record<string, { requests: number; p50: number; p95: number }>;
  restores: { attempted: number; ok: number; failed: number; p50: number; max: number };
  versionsBefore: number;
  versionsAfter: number;
  noVersionLost: boolean;
  digestMatches: boolean;
  /** The untimed warm-up before the run: each replica's first estate pass. */
  warmupMs: number;
  /** Where the replicas' time with AWS went during the run, from their own metrics: the biggest first. */
  awsTime: { call: string; count: number; seconds: number }[];
}

const METRICS_TOKEN = randomBytes(16).toString("hex");

/** The replicas' AWS calls by operation (count, total seconds), summed over the replicas, from /api/metrics. */
async function awsCallTime(urls: string[]): Promise<LoadFigures["awsTime"]> {
  const by = new Map<string, { count: number; seconds: number }>();
  for (const url of urls) {
    const text = await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
    for (const m of text.matchAll(/^statehouse_aws_call_duration_seconds_(sum|count)\{service="(\w+)",operation="(\w+)"\} ([\d.e+-]+)$/gm)) {
      const call = `${m[2]}:${m[3]}`;
      const e = by.get(call) ?? by.set(call, { count: 0, seconds: 0 }).get(call)!;
      if (m[1] === "sum") e.seconds += Number(m[4]);
      else e.count += Number(m[4]);
    }
  }
  return [...by].map(([call, e]) => ({ call, ...e, seconds: +e.seconds.toFixed(2) })).sort((a, b) => b.seconds - a.seconds);
}

/** The calls made after `before` was taken. */
function since(before: LoadFigures["awsTime"], after: LoadFigures["awsTime"]): LoadFigures["awsTime"] {
  const was = new Map(before.map((a) => [a.call, a]));
  return after
    .map((a) => ({ call: a.call, count: a.count - (was.get(a.call)?.count ?? 0), seconds: +(a.seconds - (was.get(a.call)?.seconds ?? 0)).toFixed(2) }))
    .filter((a) => a.count > 0)
    .sort((a, b) => b.seconds - a.seconds);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function versionCount(b: BenchBackends, endpoint: string): Promise<number> {
  const { s3 } = rawClients(endpoint);
  const key = stateKey(b.listing.options, RESTORE_WORKSPACE);
  let n = 0;
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: b.listing.options.bucket, Prefix: key, KeyMarker, VersionIdMarker }));
    n += (page.Versions ?? []).filter((v) => v.Key === key).length + (page.DeleteMarkers ?? []).filter((v) => v.Key === key).length;
    if (!page.IsTruncated) return n;
    KeyMarker = page.NextKeyMarker;
    VersionIdMarker = page.NextVersionIdMarker;
  }
}

async function digestMatches(b: BenchBackends, endpoint: string): Promise<boolean> {
  const { s3, ddb } = rawClients(endpoint);
  const key = stateKey(b.listing.options, RESTORE_WORKSPACE);
  const obj = await s3.send(new GetObjectCommand({ Bucket: b.listing.options.bucket, Key: key }));
  const md5 = createHash("md5").update(await obj.Body!.transformToByteArray()).digest("hex");
  const item = await ddb.send(
    new GetItemCommand({ TableName: b.listing.options.dynamodb_table!, Key: { LockID: { S: digestIdFor(b.listing.options.bucket, key) } }, ConsistentRead: true }),
  );
  return item.Item?.Digest?.S === md5;
}

/** The restore action's id in the build being served, and the route of a page whose bundle holds it. */
function restoreAction(appDir: string): { id: string; page: string } {
  const manifest = JSON.parse(readFileSync(path.join(appDir, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const found = Object.entries(manifest.node).find(([, e]) => e.filename === "app/actions/restore-version.ts" && e.exportedName === "restoreVersionAction");
  if (!found) throw new Error("restoreVersionAction is not in the build's server reference manifest");
  const page = Object.keys(found[1].workers).find((w) => w.includes("[workspace]"));
  if (!page) throw new Error("no workspace page holds restoreVersionAction");
  return { id: found[0], page };
}

/** A route file (`app/(group)/b/[backend]/w/[workspace]/versions/restore/page`) as a URL path. */
function routePath(routeFile: string, params: Record<string, string>): string {
  const parts = routeFile
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[(\w+)\]$/.test(s) ? encodeURIComponent(params[s.slice(1, -1)]!) : s));
  return `/${parts.join("/")}`;
}

export async function benchLoad(appDir: string, b: BenchBackends, endpoint: string, workspaces: string[], ports: { replicas: number[]; lb: number }, log: (m: string) => void): Promise<LoadFigures> {
  const writer = new ToolWriter(openBackend(b.listing));
  const history: WriteResult[] = [];
  for (let gen = 0; gen < LOAD.historyVersions; gen++) history.push(await writer.apply(RESTORE_WORKSPACE, buildState({ seed: 777, generation: gen, lineage: lineageFor(777) })));
  const versionsBefore = await versionCount(b, endpoint);
  const config = await writeConfig(b, endpoint);
  const set = await startReplicaSet({
    appDir,
    replicaPorts: ports.replicas,
    lbPort: ports.lb,
    env: {
      STATEHOUSE_CONFIG: config,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_REGION: "us-east-1",
      // Request lines at info would be the run's biggest cost; errors still show.
      LOG_LEVEL: "warn",
      STATEHOUSE_METRICS_TOKEN: METRICS_TOKEN,
    },
  });
  log(`load: replicas ${set.replicas.map((r) => r.url).join(", ")} behind nginx ${set.lbUrl}`);
  try {
    const jar = await signIn(set.lbUrl);
    const cookie = cookieHeader(jar);
    // Warm-up, untimed: each replica's first estate passes (problems: the search index reads every state once; the
    // dependency graph, which the State tab's "Reads from" streams in, reads every state's data sources once), which
    // a replica does once after it starts; the run measures the steady state that follows (rebuilds read only changes).
    const warmStart = performance.now();
    await Promise.all(
      set.replicas.flatMap((r) => ["/problems", "/dependencies"].map((page) => fetch(`${r.url}${page}`, { headers: { cookie }, redirect: "manual" }).then((res) => res.text()))),
    );
    const warmupMs = performance.now() - warmStart;
    log(`load: replicas warmed up (first estate pass) in ${(warmupMs / 1000).toFixed(1)} s`);
    const action = restoreAction(appDir);
    const actionPath = routePath(action.page, { backend: b.listing.name, workspace: RESTORE_WORKSPACE });
    const ws = (name: string) => ({ path: `/b/${b.listing.name}/w/${encodeURIComponent(name)}`, mustContain: name });
    const pages: { name: string; weight: number; target: () => { path: string; mustContain: string } }[] = [
      // The whole listing is in the page's payload: the last workspace's name proves the response is complete.
      { name: "workspaces page (2,000 rows)", weight: 2, target: () => ({ path: `/b/${b.listing.name}`, mustContain: workspaces.at(-1)! }) },
      // Its own URL: a redirect to the State tab, followed (both requests in the figure).
      { name: "workspace overview", weight: 4, target: () => ws(pick(workspaces)) },
      { name: "state", weight: 2, target: () => { const t = ws(pick(workspaces)); return { ...t, path: `${t.path}/state` }; } },
      { name: "versions of the restored workspace", weight: 2, target: () => { const t = ws(RESTORE_WORKSPACE); return { ...t, path: `${t.path}/versions` }; } },
    ];
    const wheel = pages.flatMap((p) => Array.from({ length: p.weight }, () => p));
    const latencies: number[] = [];
    const perPage = new Map<string, number[]>();
    const byReplica: Record<string, number> = {};
    const errorSamples: string[] = [];
    let errors = 0;
    const until = Date.now() + LOAD.seconds * 1000;
    const t0 = performance.now();

    const think = () => LOAD.thinkMs[0] + Math.random() * (LOAD.thinkMs[1] - LOAD.thinkMs[0]);
    const pause = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, Math.min(ms, until - Date.now()))));

    async function user(): Promise<void> {
      // People do not all arrive in the same millisecond.
      await pause(think());
      while (Date.now() < until && latencies.length + errors < LOAD.maxRequests) {
        const page = pick(wheel);
        const target = page.target();
        const url = `${set.lbUrl}${target.path}`;
        const start = performance.now();
        try {
          let res = await fetch(url, { headers: { cookie }, redirect: "manual" });
          // A workspace's own URL redirects to its State tab: follow that one hop as a browser would (anything else is an error below).
          const location = res.headers.get("location");
          if ((res.status === 307 || res.status === 308) && location?.startsWith(`${target.path}/`)) {
            await res.arrayBuffer();
            res = await fetch(new URL(location, set.lbUrl), { headers: { cookie }, redirect: "manual" });
          }
          const text = await res.text();
          const ms = performance.now() - start;
          const replica = res.headers.get("x-statehouse-replica") ?? "?";
          byReplica[replica] = (byReplica[replica] ?? 0) + 1;
          if (res.status !== 200 || !text.includes(target.mustContain)) throw new Error(`HTTP ${res.status} from ${replica}${res.status === 200 ? ` without ${target.mustContain}` : ""}`);
          latencies.push(ms);
          (perPage.get(page.name) ?? perPage.set(page.name, []).get(page.name)!).push(ms);
        } catch (e) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`${page.name}: ${(e as Error).message}`);
        }
        await pause(think());
      }
    }

    const restoreTimes: number[] = [];
    let restoresOk = 0;
    let restoresFailed = 0;
    /** Answers that do not say whether the restore happened (the load balancer gave up waiting, the connection broke). */
    let restoresUnknown = 0;
    async function admin(): Promise<void> {
      let i = 0;
      while (Date.now() + LOAD.restoreEveryMs < until) {
        await new Promise((r) => setTimeout(r, LOAD.restoreEveryMs));
        const source = history[i++ % (history.length - 1)]!;
        const start = performance.now();
        try {
          const res = await fetch(`${set.lbUrl}${actionPath}`, {
            method: "POST",
            headers: { cookie, "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: set.lbUrl },
            body: JSON.stringify([{ backend: b.listing.name, workspace: RESTORE_WORKSPACE, versionId: source.versionId }]),
          });
          const text = await res.text();
          if (res.status === 200 && text.includes('"ok":true')) restoresOk++;
          else {
            restoresFailed++;
            if (res.status === 502 || res.status === 504) restoresUnknown++;
            if (errorSamples.length < 5) errorSamples.push(`restore: HTTP ${res.status} ${text.slice(0, 200)}`);
          }
        } catch (e) {
          restoresFailed++;
          restoresUnknown++;
          if (errorSamples.length < 5) errorSamples.push(`restore: ${(e as Error).message}`);
        }
        restoreTimes.push(performance.now() - start);
      }
    }

    const awsBefore = await awsCallTime(set.replicas.map((r) => r.url));
    log(`load: ${LOAD.users} users for ${LOAD.seconds} s (each pausing ${LOAD.thinkMs.join("-")} ms between pages), a restore every ${LOAD.restoreEveryMs} ms…`);
    await Promise.all([...Array.from({ length: LOAD.users }, () => user()), admin()]);
    const elapsed = (performance.now() - t0) / 1000;
    const sorted = [...latencies].sort((x, y) => x - y);
    const versionsAfter = await versionCount(b, endpoint);
    const awsTime = since(awsBefore, await awsCallTime(set.replicas.map((r) => r.url)));
    const restoreSorted = [...restoreTimes].sort((x, y) => x - y);
    return {
      users: LOAD.users,
      thinkMs: [...LOAD.thinkMs],
      seconds: +elapsed.toFixed(1),
      requests: latencies.length + errors,
      rps: +((latencies.length + errors) / elapsed).toFixed(1),
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? NaN,
      errors,
      errorSamples,
      byReplica,
      byPage: Object.fromEntries(
        [...perPage].map(([name, ms]) => {
          const s = [...ms].sort((x, y) => x - y);
          return [name, { requests: s.length, p50: percentile(s, 50), p95: percentile(s, 95) }];
        }),
      ),
      restores: { attempted: restoresOk + restoresFailed, ok: restoresOk, failed: restoresFailed, p50: percentile(restoreSorted, 50), max: restoreSorted.at(-1) ?? NaN },
      versionsBefore,
      versionsAfter,
      // A restore whose answer was lost (504 from nginx) may still have written its version: it may count, never more.
      noVersionLost: versionsAfter >= versionsBefore + restoresOk && versionsAfter <= versionsBefore + restoresOk + restoresUnknown,
      digestMatches: await digestMatches(b, endpoint),
      warmupMs,
      awsTime,
    };
  } finally {
    await set.stop();
  }
}

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)]!;
}
