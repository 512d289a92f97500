/**
 * Figures for the estate search and the estate-wide locks, each beside the raw calls that answer
 * the same question: the first index build vs ListObjectsV2 + GetObject of every current state
 * (same concurrency), warm queries, a refresh after 10 changed states, index memory, and
 * readEstateLocks vs ListObjectsV2 pages + the lock table Scan.
 */
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { openBackend } from "@/lib/backend/context";
import type { BackendDefinition } from "@/lib/config/types";
import { readEstateLocks } from "@/lib/domain/estate-locks";
import { EstateSearch } from "@/lib/domain/search";
import { parseQuery } from "@/lib/search/query";
import { mapLimit } from "@/lib/util/map-limit";
import { rawClients } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { rawStateKeys } from "./raw-baselines";
import type { BenchBackends } from "./seed";
import { figure, paired, timed, type Figure } from "./stats";
import type { Row } from "./table";

const CONCURRENCY = 16;

export interface SearchFigures {
  build: { subject: Figure; baseline: Figure; ratio: number };
  instances: number;
  workspaces: number;
  indexBytes: number;
  bytesPer100k: number;
  heapDeltaBytes: number;
  query: { median: number; worst: number; queries: number };
  refresh10: { ms: number; reads: number };
  locks: { subject: Figure; baseline: Figure; ratio: number; locks: number };
}

/** Raw: the keys from ListObjectsV2 (the big backend's one key), then GetObject of each, 16 in flight. */
export async function rawReadAll(defs: BackendDefinition[], endpoint: string): Promise<number> {
  const { s3 } = rawClients(endpoint);
  let bytes = 0;
  for (const def of defs) {
    const keys = await rawStateKeys(def, endpoint);
    await mapLimit(keys, CONCURRENCY, async (Key) => {
      try {
        const r = await s3.send(new GetObjectCommand({ Bucket: def.options.bucket, Key }));
        bytes += (await r.Body!.transformToByteArray()).length;
      } catch (e) {
        // The default key of a backend may have no state: the same for both sides.
        if ((e as { name?: string }).name !== "NoSuchKey") throw e;
      }
    });
  }
  return bytes;
}

/** Raw: the listing pages (they reveal .tflock keys) and the lock table Scan for the bucket. */
async function rawLocks(def: BackendDefinition, endpoint: string): Promise<number> {
  const { s3, ddb } = rawClients(endpoint);
  const { bucket, dynamodb_table: table } = def.options;
  const list = (async () => {
    let token: string | undefined;
    let tflocks = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${def.options.workspace_key_prefix}/`, ContinuationToken: token }));
      tflocks += (page.Contents ?? []).filter((o) => o.Key?.endsWith(".tflock")).length;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return tflocks;
  })();
  const scan = (async () => {
    let start: Record<string, AttributeValue> | undefined;
    let n = 0;
    do {
      const page = await ddb.send(new ScanCommand({ TableName: table!, ConsistentRead: true, FilterExpression: "begins_with(LockID, :p)", ExpressionAttributeValues: { ":p": { S: `${bucket}/` } }, ExclusiveStartKey: start }));
      n += (page.Items ?? []).filter((i) => i.Info?.S !== undefined).length;
      start = page.LastEvaluatedKey;
    } while (start);
    return n;
  })();
  const [t, n] = await Promise.all([list, scan]);
  return t + n;
}

const QUERIES = [
  "10.0.1.11",
  "type:aws_instance",
  "attr:tags.Environment=prod",
  "workspace:ws-01* type:aws_vpc",
  "module:network provider:aws",
  "mode:data ami-",
  "t3.medium",
  "arn:aws:iam::",
  "status:tainted",
  "backend:bench-big web-99",
  "subnet- attr:availability_zone=us-*",
  "nothing-matches-this-guess",
];

export async function benchSearch(b: BenchBackends, endpoint: string, runs: number, log: (m: string) => void): Promise<SearchFigures> {
  const defs = [b.listing, b.big];
  const ctxs = defs.map(openBackend);
  const buildRuns = Math.max(1, Math.min(runs, 3));
  const build = await paired(buildRuns, () => new EstateSearch({ concurrency: CONCURRENCY }).refresh(ctxs), () => rawReadAll(defs, endpoint));
  log("search: index built");

  const heap0 = process.memoryUsage().heapUsed;
  const engine = new EstateSearch({ concurrency: CONCURRENCY });
  const report = await engine.refresh(ctxs);
  const heapDeltaBytes = process.memoryUsage().heapUsed - heap0;
  if (report.unreadable.length) throw new Error(`search bench: ${report.unreadable.length} unreadable states: ${report.unreadable[0]!.reason}`);
  const instances = engine.index.instanceCount;

  const times: number[] = [];
  for (let i = 0; i < Math.max(3, runs); i++) for (const q of QUERIES) times.push(await timed(() => engine.index.query(parseQuery(q), { limit: 1000 })));
  const qf = figure(times);

  const writer = new ToolWriter(openBackend(b.listing));
  const listed = (await engine.refresh(ctxs)).reads;
  if (listed !== 0) throw new Error(`search bench: an unchanged estate read ${listed} states`);
  const changed = engine.index.workspaces(b.listing.name).slice(1, 11).map((w) => w.workspace);
  await mapLimit(changed, 10, (ws, i) => writer.putState(ws, buildState({ seed: 500 + i, generation: 3 })));
  let reads = 0;
  const ms = await timed(async () => (reads = (await engine.refresh(ctxs)).reads));
  if (reads !== changed.length) throw new Error(`search bench: refresh after ${changed.length} changes read ${reads}`);

  const listingCtx = openBackend(b.listing);
  const locksFound = (await readEstateLocks([listingCtx])).locks.length;
  const locks = await paired(runs, () => readEstateLocks([listingCtx]), () => rawLocks(b.listing, endpoint));
  return {
    build: { ...build, ratio: build.subject.median / build.baseline.median },
    instances,
    workspaces: report.workspaces,
    indexBytes: engine.index.bytes,
    bytesPer100k: (engine.index.bytes / instances) * 100_000,
    heapDeltaBytes,
    query: { median: qf.median, worst: qf.max, queries: times.length },
    refresh10: { ms, reads },
    locks: { ...locks, ratio: locks.subject.median / locks.baseline.median, locks: locksFound },
  };
}

export function searchRows(s: SearchFigures): Row[] {
  return [
    { what: `search index, first build (${s.workspaces} states, ${s.instances} instances)`, value: s.build.subject, unit: "ms", baseline: s.build.baseline, baselineLabel: "GetObject all", ratio: s.build.ratio, target: "≤ 1.5×" },
    { what: `search, warm query median (${s.query.queries} queries)`, value: figure([s.query.median]), unit: "ms", target: "< 50 ms" },
    { what: "search, warm query worst", value: figure([s.query.worst]), unit: "ms", target: "< 150 ms" },
    { what: `search, refresh after 10 changed states (${s.refresh10.reads} objects read)`, value: figure([s.refresh10.ms]), unit: "ms" },
    { what: "search index memory per 100,000 instances (accounted estimate)", value: figure([s.bytesPer100k]), unit: "MB" },
    { what: `estate-wide locks (${s.locks.locks} locks)`, value: s.locks.subject, unit: "ms", baseline: s.locks.baseline, baselineLabel: "ListObjectsV2 + Scan", ratio: s.locks.ratio, target: "≤ 1.3×" },
  ];
}
