/**
 * Change over time (issue 10), each figure beside the raw calls that answer the same question in the same run:
 * - an instance's history over the 5,000-version state, read the way the History page reads it (batches
 *   with a cursor until done), cold, against ListObjectVersions + GetObject of every version with the
 *   same concurrency (8); the same read again from this process's cache;
 * - changes since a time over a window holding 200 versions among the 2,000 workspaces (written here,
 *   after the seed, so the window holds exactly them), against the raw calls: (a) the same per-key
 *   plan (ListObjectsV2, then a short ListObjectVersions and GetObjects per key written in the window;
 *   it does not look for deleted states), (b) one ListObjectVersions pass over the whole prefix.
 */
import { GetObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { openBackend } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import type { BackendDefinition } from "@/lib/config/types";
import { changesSince } from "@/lib/domain/changes";
import { forgetHistorySnapshots, historyReads, instanceHistoryPage, type HistoryCursor } from "@/lib/domain/history";
import { mapLimit } from "@/lib/util/map-limit";
import { rawClients } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import type { BenchSection } from "./section";
import { SCENARIO } from "./scenario";
import { figure, paired, timed } from "./stats";
import type { Row } from "./table";

/** The History page's reads: instanceHistoryPage's default concurrency. */
const HISTORY_CONCURRENCY = 8;
/** changesSince's default: workspaces read at once. */
const CHANGES_CONCURRENCY = 16;
const WINDOW_WORKSPACES = 100;
const VERSIONS_PER_WORKSPACE = 2;
const ADDRESS = "module.app.aws_instance.web[0]";

type Entry = { key: string; versionId: string; lastModified: Date };

/** Every version of one key, newest first (all pages), then GetObject of each, `HISTORY_CONCURRENCY` in flight. */
async function rawHistoryReads(def: BackendDefinition, key: string, endpoint: string): Promise<number> {
  const { s3 } = rawClients(endpoint);
  const { bucket } = def.options;
  const ids: string[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
    for (const v of page.Versions ?? []) if (v.Key === key) ids.push(v.VersionId!);
    if (!page.IsTruncated) break;
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
  }
  await mapLimit(ids, HISTORY_CONCURRENCY, async (VersionId) => {
    const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId }));
    await r.Body!.transformToByteArray();
  });
  return ids.length;
}

/** The History page's loop without HTTP: batches until the cursor is null. Returns the versions read. */
async function historyAsThePageReadsIt(def: BackendDefinition, workspace: string): Promise<number> {
  const ctx = openBackend(def);
  let cursor: HistoryCursor | null = null;
  let read = 0;
  do {
    const page = await instanceHistoryPage(ctx, workspace, ADDRESS, cursor);
    ({ cursor, read } = page);
  } while (cursor);
  return read;
}

async function readVersion(def: BackendDefinition, e: Entry, endpoint: string): Promise<number> {
  const r = await rawClients(endpoint).s3.send(new GetObjectCommand({ Bucket: def.options.bucket, Key: e.key, VersionId: e.versionId }));
  return (await r.Body!.transformToByteArray()).length;
}

/** raw (a): ListObjectsV2 pages; for each key written since: ListObjectVersions (50) down to the window's end, GetObject of those + the one before. */
async function rawChangesPerKey(def: BackendDefinition, since: Date, endpoint: string): Promise<number> {
  const { s3 } = rawClients(endpoint);
  const { bucket } = def.options;
  const recent: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key?.endsWith(def.options.key) && o.LastModified! >= since) recent.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  let versions = 0;
  await mapLimit(recent, CHANGES_CONCURRENCY, async (key) => {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, MaxKeys: 50 }));
    const mine = (page.Versions ?? []).filter((v) => v.Key === key).map((v): Entry => ({ key, versionId: v.VersionId!, lastModified: v.LastModified! }));
    const inWindow = mine.filter((v) => v.lastModified >= since);
    const chain = mine.slice(0, inWindow.length + 1);
    await Promise.all(chain.map((v) => readVersion(def, v, endpoint)));
    versions += inWindow.length;
  });
  return versions;
}

/** raw (b): one ListObjectVersions pass over the whole bucket; GetObject of each version in the window + its predecessor. */
async function rawChangesBucketWide(def: BackendDefinition, since: Date, endpoint: string): Promise<number> {
  const { s3 } = rawClients(endpoint);
  const { bucket } = def.options;
  const byKey = new Map<string, Entry[]>();
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
    for (const v of page.Versions ?? []) {
      if (!v.Key!.endsWith(def.options.key)) continue;
      const list = byKey.get(v.Key!) ?? [];
      list.push({ key: v.Key!, versionId: v.VersionId!, lastModified: v.LastModified! });
      byKey.set(v.Key!, list);
    }
    if (!page.IsTruncated) break;
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
  }
  const reads: Entry[] = [];
  let versions = 0;
  for (const list of byKey.values()) {
    const inWindow = list.filter((v) => v.lastModified >= since).length;
    if (inWindow === 0) continue;
    versions += inWindow;
    reads.push(...list.slice(0, inWindow + 1));
  }
  await mapLimit(reads, CHANGES_CONCURRENCY, (e) => readVersion(def, e, endpoint));
  return versions;
}

/** Writes VERSIONS_PER_WORKSPACE new versions to WINDOW_WORKSPACES live workspaces after a whole-second boundary (S3 times are seconds). */
async function seedWindow(def: BackendDefinition, names: string[]): Promise<Date> {
  await new Promise((r) => setTimeout(r, 1100));
  const since = new Date(Math.ceil(Date.now() / 1000) * 1000);
  await new Promise((r) => setTimeout(r, Math.max(0, since.getTime() - Date.now()) + 50));
  const writer = new ToolWriter(openBackend(def));
  // Different keys in parallel; the versions of one key one after the other (moto loses concurrent versions of a key).
  await mapLimit(names, 16, async (ws, i) => {
    for (let g = 0; g < VERSIONS_PER_WORKSPACE; g++) await writer.putState(ws, buildState({ seed: 700 + i, serial: 10 + g, generation: g }));
  });
  return since;
}

export const historySection: BenchSection = {
  name: "history",
  async run({ runs, endpoint, data, backends, log }) {
    const rows: Row[] = [];
    const versionsDef = backends.versions;
    const key = stateKey(versionsDef.options, backends.historyWorkspace);

    log(`history of one instance over ${SCENARIO.versions} versions…`);
    let versionsRead = 0;
    const before = historyReads.count;
    const cold = await paired(
      runs,
      async () => {
        // Each run as a fresh process would: nothing cached.
        forgetHistorySnapshots();
        versionsRead = await historyAsThePageReadsIt(versionsDef, backends.historyWorkspace);
      },
      () => rawHistoryReads(versionsDef, key, endpoint),
    );
    if (versionsRead !== SCENARIO.versions) throw new Error(`history read ${versionsRead} versions, expected ${SCENARIO.versions}`);
    const readsPerRun = (historyReads.count - before) / (runs + 1);
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push(await timed(() => historyAsThePageReadsIt(versionsDef, backends.historyWorkspace)));
    rows.push(
      {
        what: `history of one instance, ${SCENARIO.versions} versions, cold, page batches (${readsPerRun} GetObject a run)`,
        value: cold.subject,
        unit: "ms",
        baseline: cold.baseline,
        baselineLabel: `raw list + GetObject ×${SCENARIO.versions}, ${HISTORY_CONCURRENCY} in flight`,
        ratio: cold.subject.median / cold.baseline.median,
        target: "≤ 1.3×",
      },
      { what: "  same history again in this process (versions cached by ID)", value: figure(warm), unit: "ms" },
    );

    const live = data.names.filter((n) => !data.deleted.includes(n));
    const picked = Array.from({ length: WINDOW_WORKSPACES }, (_, i) => live[Math.floor((i * live.length) / WINDOW_WORKSPACES)]!);
    log(`writing ${WINDOW_WORKSPACES * VERSIONS_PER_WORKSPACE} versions among ${SCENARIO.workspaces} workspaces for the changes window…`);
    const since = await seedWindow(backends.listing, picked);
    const ctx = openBackend(backends.listing);
    let found = 0;
    const perKey = await paired(
      runs,
      async () => {
        found = (await changesSince([ctx], since)).length;
      },
      () => rawChangesPerKey(backends.listing, since, endpoint),
    );
    const expected = WINDOW_WORKSPACES * VERSIONS_PER_WORKSPACE;
    if (found !== expected) throw new Error(`changesSince found ${found} versions, expected ${expected}`);
    const rawA = await rawChangesPerKey(backends.listing, since, endpoint);
    if (rawA !== expected) throw new Error(`raw (a) found ${rawA} versions, expected ${expected}`);
    const bucketWide: number[] = [];
    for (let i = 0; i < runs; i++) bucketWide.push(await timed(() => rawChangesBucketWide(backends.listing, since, endpoint)));
    const rawB = figure(bucketWide);
    rows.push(
      {
        what: `changes since, ${expected} versions in the window among ${SCENARIO.workspaces} workspaces`,
        value: perKey.subject,
        unit: "ms",
        baseline: perKey.baseline,
        baselineLabel: "raw (a) per key",
        ratio: perKey.subject.median / perKey.baseline.median,
        target: "report",
      },
      { what: "  same, vs raw (b) one ListObjectVersions pass over the bucket", value: perKey.subject, unit: "ms", baseline: rawB, baselineLabel: "raw (b) bucket-wide", ratio: perKey.subject.median / rawB.median, target: "report" },
    );
    return rows;
  },
};
