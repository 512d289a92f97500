import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { changesSince, parseSince } from "@/lib/domain/changes";
import { createBucket, setMotoClockOffset, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { cli } from "../cli/harness";

/** Counts GetObject calls of one client: the proof that only the window is read. */
function countGets(ctx: BackendContext): { n: number } {
  const c = { n: 0 };
  ctx.s3.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "GetObjectCommand") c.n++;
      return next(args);
    },
    { step: "initialize", name: `countGets-${uniqueName("m")}` },
  );
  return c;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("changes since", () => {
  let a: BackendContext;
  let b: BackendContext;
  let since: Date;
  let config: string;
  const inWindow: string[] = [];

  beforeAll(async () => {
    const [ba, bb] = [uniqueName("chg-a"), uniqueName("chg-b")];
    await Promise.all([createBucket(ba, { versioning: "Enabled" }), createBucket(bb, { versioning: "Enabled" })]);
    const [oa, ob] = [testOptions({ bucket: ba }), testOptions({ bucket: bb })];
    a = openBackend(testDefinition("alpha", oa));
    b = openBackend(testDefinition("beta", ob));
    const wa = new ToolWriter(a, "terraform");
    const wb = new ToolWriter(b, "tofu");
    // History before the window: 30 versions of alpha/prod, and beta/quiet which is never written again.
    for (let g = 0; g < 30; g++) await wa.putState("prod", buildState({ seed: 1, serial: g + 1, generation: g }));
    await wb.putState("quiet", buildState({ seed: 3, serial: 1 }));
    // S3 times are whole seconds: the window starts strictly after everything above.
    await pause(1100);
    since = new Date(Math.ceil(Date.now() / 1000) * 1000);
    await pause(Math.max(0, since.getTime() - Date.now()) + 50);
    for (let g = 30; g < 33; g++) inWindow.push((await wa.putState("prod", buildState({ seed: 1, serial: g + 1, generation: g }))).versionId);
    inWindow.push((await wb.putState("dev", buildState({ seed: 2, serial: 1 }))).versionId);
    inWindow.push((await wb.putState("dev", buildState({ seed: 99, serial: 1 }))).versionId);
    const dir = mkdtempSync(path.join(tmpdir(), "statehouse-changes-"));
    config = path.join(dir, "statehouse.config.json");
    writeFileSync(config, JSON.stringify({ backends: [{ name: "alpha", options: oa }, { name: "beta", options: ob }] }));
  }, 120_000);

  it("lists only the window's versions across backends, newest first, reading no older version but each predecessor", async () => {
    const ga = countGets(a);
    const gb = countGets(b);
    const rows = await changesSince([a, b], since);
    expect(rows.map((r) => r.versionId).sort()).toEqual([...inWindow].sort());
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.lastModified >= rows[i]!.lastModified).toBe(true);
    // alpha/prod: 3 in the window + the one before it; beta/dev: 2, no predecessor; beta/quiet: nothing.
    expect(ga.n).toBe(4);
    expect(gb.n).toBe(2);
    const prod = rows.filter((r) => r.workspace === "prod");
    expect(prod.map((r) => Number(r.serial))).toEqual([33, 32, 31]);
    expect(prod.every((r) => r.previousVersionId !== null && r.added + r.changed + r.removed > 0 && !r.lineageChanged)).toBe(true);
    const dev = rows.filter((r) => r.workspace === "dev");
    expect(dev[1]).toMatchObject({ previousVersionId: null, removed: 0, lineageChanged: false });
    expect(dev[1]!.added).toBeGreaterThan(0);
    expect(dev[0]!.lineageChanged).toBe(true);
  });

  it("parses RFC 3339 and durations, and refuses anything else", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    expect(parseSince("24h", now).toISOString()).toBe("2026-11-30T12:00:00.000Z");
    expect(parseSince("90m", now).toISOString()).toBe("2026-12-01T10:30:00.000Z");
    expect(parseSince("2026-11-30T09:00:00+02:00").toISOString()).toBe("2026-11-30T07:00:00.000Z");
    expect(() => parseSince("yesterday")).toThrow(/RFC 3339/);
  });

  it("statehouse changes --since --json prints the issue's shape", async () => {
    const r = await cli(["changes", "--config", config, "--since", since.toISOString(), "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["changes"]);
    expect(out.changes).toHaveLength(5);
    expect(Object.keys(out.changes[0])).toEqual(["backend", "workspace", "versionId", "previousVersionId", "serial", "lastModified", "added", "changed", "removed"]);
    expect(new Set(out.changes.map((c: { backend: string }) => c.backend))).toEqual(new Set(["alpha", "beta"]));
  });

  it("windows over days, with versions stamped in the past by moving moto's clock", async () => {
    const bucket = uniqueName("chg-days");
    await createBucket(bucket, { versioning: "Enabled" });
    const ctx = openBackend(testDefinition("days", testOptions({ bucket })));
    const w = new ToolWriter(ctx, "terraform");
    const DAY = 86400;
    const written: { daysAgo: number; versionId: string }[] = [];
    try {
      for (const daysAgo of [20, 10, 6, 2, 1]) {
        setMotoClockOffset(-daysAgo * DAY, [bucket]);
        written.push({ daysAgo, versionId: (await w.putState("default", buildState({ seed: 5, serial: 21 - daysAgo, generation: 20 - daysAgo }))).versionId });
      }
    } finally {
      setMotoClockOffset(0);
    }
    const gets = countGets(ctx);
    const rows = await changesSince([ctx], parseSince("7d"));
    expect(rows.map((r) => r.versionId)).toEqual(written.filter((x) => x.daysAgo < 7).reverse().map((x) => x.versionId));
    expect(rows.at(-1)!.previousVersionId).toBe(written.find((x) => x.daysAgo === 10)!.versionId);
    // Three in the window and the one before; the 20-day-old version is never read.
    expect(gets.n).toBe(4);
  });
});
