import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { createBucket, createLockTable, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { cli } from "../cli/harness";

const HOUR = 3600_000;

describe("statehouse search, locks, doctor", () => {
  let config: string;
  let cleanConfig: string;
  let bucket: string;

  beforeAll(async () => {
    bucket = uniqueName("cli-est");
    const table = uniqueName("cli-est-t");
    const other = uniqueName("cli-est-b");
    await Promise.all([createBucket(bucket, { versioning: "Enabled" }), createBucket(other, { versioning: "Enabled" }), createLockTable(table)]);
    const optsA = testOptions({ bucket, dynamodb_table: table });
    const optsB = testOptions({ bucket: other, use_lockfile: true });
    const w = new ToolWriter(openBackend(testDefinition("alpha", optsA)));
    await w.putState("default", buildState({ seed: 11 }));
    await w.putState("prod", buildState({ seed: 12 }));
    await w.lock("prod", { who: "ci@runner-9", operation: "OperationTypeApply", now: new Date(Date.now() - 3 * HOUR) });
    await new ToolWriter(openBackend(testDefinition("beta", optsB)), "tofu").putState("dev", buildState({ seed: 13 }));
    const dir = mkdtempSync(path.join(tmpdir(), "statehouse-estate-"));
    config = path.join(dir, "statehouse.config.json");
    writeFileSync(config, JSON.stringify({ backends: [{ name: "alpha", options: optsA, stale_lock_after: "2h" }, { name: "beta", options: optsB }] }));
    cleanConfig = path.join(dir, "clean.json");
    writeFileSync(cleanConfig, JSON.stringify({ backends: [{ name: "beta", options: optsB }] }));
  });

  it("search --json prints exactly the issue's shape, over every backend or one", async () => {
    const r = await cli(["search", "--config", config, "--json", "type:aws_vpc"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["results", "complete", "unreadable"]);
    expect(out.complete).toBe(true);
    expect(out.unreadable).toEqual([]);
    expect(out.results.map((h: { backend: string; workspace: string }) => `${h.backend}/${h.workspace}`)).toEqual(["alpha/default", "alpha/prod", "beta/dev"]);
    expect(Object.keys(out.results[0])).toEqual(["backend", "workspace", "address", "type", "mode", "module", "index_key", "matches"]);
    expect(out.results[0]).toMatchObject({ address: "module.network.aws_vpc.main", type: "aws_vpc", mode: "managed", module: "module.network", index_key: null });
    const one = JSON.parse((await cli(["search", "--config", config, "--backend", "beta", "--json", "type:aws_vpc"])).stdout);
    expect(one.results.map((h: { backend: string }) => h.backend)).toEqual(["beta"]);
  });

  it("locks --json prints the issue's shape", async () => {
    const r = await cli(["locks", "--config", config, "--json"]);
    expect(r.code).toBe(0);
    const { locks } = JSON.parse(r.stdout);
    expect(locks).toHaveLength(1);
    expect(Object.keys(locks[0])).toEqual(["backend", "workspace", "kind", "id", "operation", "who", "version", "created", "path", "orphan"]);
    expect(locks[0]).toMatchObject({ backend: "alpha", workspace: "prod", kind: "dynamodb", operation: "apply", who: "ci@runner-9", path: `${bucket}/env:/prod/terraform.tfstate`, orphan: false });
    const table = await cli(["locks", "--config", config]);
    expect(table.stdout).toMatch(/probably abandoned/);
  });

  it("doctor --json prints the issue's shape and exits 1 at or above --fail-on, 0 below", async () => {
    const r = await cli(["doctor", "--config", config, "--json", "--fail-on", "warning"]);
    expect(r.code).toBe(1);
    const { problems } = JSON.parse(r.stdout);
    expect(Object.keys(problems[0])).toEqual(["backend", "workspace", "code", "severity", "message", "fix"]);
    expect(problems.map((p: { code: string }) => p.code)).toContain("STALE_LOCK");
    expect(problems.every((p: { severity: string }) => p.severity !== "error")).toBe(true);
    expect((await cli(["doctor", "--config", config, "--json", "--fail-on", "error"])).code).toBe(0);
    expect((await cli(["doctor", "--config", config, "--fail-on", "info"])).code).toBe(1);
    const clean = await cli(["doctor", "--config", cleanConfig, "--fail-on", "info"]);
    expect(clean.stdout).toBe("No problems found.\n");
    expect(clean.code).toBe(0);
    expect((await cli(["doctor", "--config", config, "--fail-on", "fatal"])).code).toBe(2);
  });
});
