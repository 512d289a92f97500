import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { historyReads, instanceHistory, instanceHistoryPage, type HistoryCursor, type InstanceHistoryEntry } from "@/lib/domain/history";
import { stateKey } from "@/lib/backend/keys";
import { listObjectVersions } from "@/lib/backend/versions";
import { createBucket, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { cli } from "../cli/harness";

const ADDR = 'module.app["web"].aws_instance.this["blue"]';

/** One managed instance inside a for_each module, plus a neighbour that changes every version. */
function state(serial: number, web: { ami: string; port: number; tainted?: boolean; deposed?: boolean } | null) {
  const inst = (attrs: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ schema_version: 0, attributes: attrs, sensitive_attributes: [], ...extra });
  const resources: unknown[] = [
    { mode: "managed", type: "null_resource", name: "tick", provider: 'provider["registry.terraform.io/hashicorp/null"]', instances: [inst({ id: String(serial) })] },
  ];
  if (web) {
    const instances = [inst({ id: "i-1", ami: web.ami, ingress: [{ from_port: web.port }], password: `secret-${web.ami}` }, { index_key: "blue", ...(web.tainted ? { status: "tainted" } : {}) })];
    if (web.deposed) instances.push(inst({ id: "i-old", ami: "ami-old", ingress: [], password: "old" }, { index_key: "blue", deposed: "0a1b2c3d" }));
    resources.push({ module: 'module.app["web"]', mode: "managed", type: "aws_instance", name: "this", provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: instances.map((i) => ({ ...i, sensitive_attributes: [[{ type: "get_attr", value: "password" }]] })) });
  }
  return { version: 4, terraform_version: "1.9.0", serial, lineage: "11111111-2222-3333-4444-555555555555", outputs: {}, resources };
}

type Expected = { serial: number; change: string; paths?: string[] };

/**
 * 110 versions of one workspace in a fresh bucket; every change kind, a delete of the whole state,
 * and the instance removed and added back. Returns the changes expected, newest first.
 */
async function seedHistory(bucket: string): Promise<{ ctx: BackendContext; opts: ReturnType<typeof testOptions>; expected: Expected[] }> {
  await createBucket(bucket, { versioning: "Enabled" });
  const opts = testOptions({ bucket });
  const ctx = openBackend(testDefinition("h", opts));
  const w = new ToolWriter(ctx, "terraform");
  const expected: Expected[] = [];
  let web: { ami: string; port: number; tainted?: boolean; deposed?: boolean } | null = null;
  for (let serial = 1; serial <= 110; serial++) {
    const before = JSON.stringify(web);
    if (serial === 1) web = null;
    else if (serial === 3) web = { ami: "ami-1", port: 80 };
    else if (serial % 10 === 0) web = { ...web!, port: web!.port + 1 };
    else if (serial === 25) web = { ...web!, tainted: true };
    else if (serial === 26) web = { ...web!, tainted: false };
    else if (serial === 41) web = { ...web!, ami: "ami-2", deposed: true };
    else if (serial === 42) web = { ...web!, deposed: false };
    else if (serial === 55) web = null;
    else if (serial === 57) web = { ami: "ami-3", port: 443 };
    await w.putState("default", state(serial, web));
    const now = JSON.stringify(web);
    if (now === before) continue;
    if (serial === 3 || serial === 57) expected.push({ serial, change: "added" });
    else if (serial === 55) expected.push({ serial, change: "removed" });
    else if (serial === 25) expected.push({ serial, change: "tainted" });
    else if (serial === 26) expected.push({ serial, change: "untainted" });
    else if (serial === 41) expected.push({ serial, change: "deposed" });
    else if (serial === 42) continue; // the deposed object destroyed: the instance is as it was
    else expected.push({ serial, change: "changed", paths: ["ingress[0].from_port"] });
  }
  await rawClients().s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: opts.key }));
  expected.push({ serial: 110, change: "removed" });
  expected.reverse();
  return { ctx, opts, expected };
}

const shape = (got: InstanceHistoryEntry[]) => got.map((e) => ({ serial: Number(e.serial), change: e.change, ...(e.change === "changed" ? { paths: e.paths } : {}) }));

describe("instance history", () => {
  let ctx: BackendContext;
  let config: string;
  let expected: Expected[];

  beforeAll(async () => {
    const h = await seedHistory(uniqueName("hist"));
    ({ ctx, expected } = h);
    const dir = mkdtempSync(path.join(tmpdir(), "statehouse-history-"));
    config = path.join(dir, "statehouse.config.json");
    writeFileSync(config, JSON.stringify({ backends: [{ name: "h", options: h.opts }] }));
  }, 120_000);

  it("reports every change kind newest first, reading each version once per process", async () => {
    const before = historyReads.count;
    const progress: number[] = [];
    const got: InstanceHistoryEntry[] = [];
    for await (const e of instanceHistory(ctx, "default", ADDR, { concurrency: 4, onProgress: (p) => progress.push(p.read) })) got.push(e);
    expect(shape(got)).toEqual(expected);
    expect(progress.at(-1)).toBe(111);
    // 110 objects (the delete marker is not read), then none at all the second time.
    expect(historyReads.count - before).toBe(110);
    const again: InstanceHistoryEntry[] = [];
    for await (const e of instanceHistory(ctx, "default", ADDR)) again.push(e);
    expect(again).toEqual(got);
    expect(historyReads.count - before).toBe(110);
    expect(JSON.stringify(got, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain("secret-");
  });

  it("stops when the signal aborts", async () => {
    const ac = new AbortController();
    const got: InstanceHistoryEntry[] = [];
    for await (const e of instanceHistory(ctx, "default", ADDR, { signal: ac.signal, onProgress: (p) => p.read >= 30 && ac.abort() })) got.push(e);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(expected.length);
    expect(got.map((e) => e.change)).toEqual(expected.slice(0, got.length).map((e) => e.change));
  });

  it("statehouse history --json prints the issue's shape", async () => {
    const r = await cli(["history", "--config", config, "-w", "default", "--json", ADDR]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["address", "changes", "versionsRead"]);
    expect(out.address).toBe(ADDR);
    expect(out.versionsRead).toBe(111);
    expect(Object.keys(out.changes[0])).toEqual(["versionId", "serial", "lastModified", "change", "paths"]);
    expect(out.changes.map((c: { change: string }) => c.change)).toEqual(expected.map((e) => e.change));
  });
});

describe("instance history in batches (the History page's action)", () => {
  let ctx: BackendContext;
  let expected: Expected[];
  let versionIds: string[];

  beforeAll(async () => {
    ({ ctx, expected } = await seedHistory(uniqueName("histp")));
    versionIds = (await listObjectVersions(ctx, stateKey(ctx.def.options, "default"))).map((v) => v.versionId);
  }, 120_000);

  it("gives the same history batch after batch, each batch bounded, every version read once across batches", async () => {
    const before = historyReads.count;
    const got: InstanceHistoryEntry[] = [];
    const reads: number[] = [];
    let cursor: HistoryCursor | null = null;
    let calls = 0;
    do {
      const page = await instanceHistoryPage(ctx, "default", ADDR, cursor, { maxVersions: 7, concurrency: 3, budgetMs: 60_000 });
      got.push(...page.entries);
      expect(page.total).toBe(111);
      expect(page.read - (reads.at(-1) ?? 0)).toBeLessThanOrEqual(7);
      reads.push(page.read);
      cursor = page.cursor;
      calls++;
    } while (cursor);
    expect(calls).toBe(Math.ceil(111 / 7));
    expect(reads.at(-1)).toBe(111);
    expect(shape(got)).toEqual(expected);
    // The read-ahead past a batch's end lands in the cache: the next batch does not read it again.
    expect(historyReads.count - before).toBe(110);
    // Each change names the version it was compared with: the next older one (the delete marker's is the last state).
    for (const e of got.filter((x) => x.previousVersionId)) expect(versionIds.indexOf(e.previousVersionId!)).toBe(versionIds.indexOf(e.versionId) + 1);
    expect(got.at(-1)).toMatchObject({ change: "added", serial: 3n, previousVersionId: versionIds.at(-2) });
    expect(got[0]).toMatchObject({ change: "removed", isDeleteMarker: true, isLatest: true });
    // The whole history streamed at once agrees, and reads nothing more.
    const whole: InstanceHistoryEntry[] = [];
    for await (const e of instanceHistory(ctx, "default", ADDR)) whole.push(e);
    expect(whole).toEqual(got);
    expect(historyReads.count - before).toBe(110);
  });

  it("ends a batch when its time is up, after its read-ahead, and resumes from the cursor", async () => {
    const ahead = await instanceHistoryPage(ctx, "default", ADDR, null, { budgetMs: 0, concurrency: 3 });
    expect(ahead.read).toBe(3);
    const first = await instanceHistoryPage(ctx, "default", ADDR, null, { budgetMs: 0, concurrency: 1 });
    expect(first.read).toBe(1);
    expect(first.entries).toEqual([]);
    expect(first.cursor).toMatchObject({ after: versionIds[0], pending: { versionId: versionIds[0], isDeleteMarker: true }, read: 1, total: 111 });
    const next = await instanceHistoryPage(ctx, "default", ADDR, first.cursor, { budgetMs: 0, concurrency: 1 });
    expect(next.read).toBe(2);
    // The delete marker is reported once the state before it is read.
    expect(shape(next.entries)).toEqual([expected[0]]);
    expect(next.entries[0]!.previousVersionId).toBe(versionIds[1]);
  });

  it("answers an empty history for an address no version holds, after reading them all", async () => {
    let cursor: HistoryCursor | null = null;
    const got: InstanceHistoryEntry[] = [];
    let read = 0;
    do {
      const page = await instanceHistoryPage(ctx, "default", "aws_instance.nowhere", cursor, { maxVersions: 50 });
      got.push(...page.entries);
      ({ cursor, read } = page);
    } while (cursor);
    expect(got).toEqual([]);
    expect(read).toBe(111);
  });
});
