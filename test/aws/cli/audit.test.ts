// Needs a moto server: scripts/with-moto.sh npx vitest run test/aws/cli/audit.test.ts
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEventKey } from "@/lib/audit/keys";
import { localWho } from "@/lib/backend/locks/protocol";
import { openBackend } from "@/lib/backend/context";
import type { S3BackendOptions } from "@/lib/config/types";
import { createBucket, createLockTable, motoEndpoint, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { backendConfigArgs, cli } from "./harness";

// The audit trail's S3 client uses the default credential chain, as in production.
process.env.AWS_ACCESS_KEY_ID ??= "testing";
process.env.AWS_SECRET_ACCESS_KEY ??= "testing";

const PREFIX = "cli-trail";
let options: S3BackendOptions;
let be: string[];
let auditBucket: string;
let configArgs: string[];
let writer: ToolWriter;

beforeAll(async () => {
  const bucket = uniqueName("cli-audit");
  const table = uniqueName("cli-audit-locks");
  auditBucket = uniqueName("cli-audit-trail");
  await Promise.all([createBucket(bucket, { versioning: "Enabled" }), createLockTable(table), createBucket(auditBucket)]);
  options = testOptions({ bucket, dynamodb_table: table, use_lockfile: true });
  be = backendConfigArgs(options);
  writer = new ToolWriter(openBackend(testDefinition("cli-audit-seed", options)), "terraform");
  for (const ws of ["default", "viaconfig", "locked"]) {
    await writer.apply(ws, buildState({ seed: 1, serial: 1, generation: 0 }));
    await writer.apply(ws, buildState({ seed: 1, serial: 2, generation: 1 }));
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), "statehouse-cli-audit-")), "statehouse.config.json");
  const audit = { s3: { bucket: auditBucket, prefix: PREFIX, region: "us-east-1", endpoint: motoEndpoint(), use_path_style: true } };
  writeFileSync(file, JSON.stringify({ backends: [{ name: "audited", options }], audit }));
  configArgs = ["--config", file];
});

/** The audit lines of a run's stderr (other lines are the command's messages). */
function auditLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.type === "audit");
}

async function storedEvent(line: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await rawClients().s3.send(new GetObjectCommand({ Bucket: auditBucket, Key: auditEventKey(PREFIX, String(line.at), String(line.id)) }));
  return JSON.parse((await res.Body?.transformToString()) ?? "") as Record<string, unknown>;
}

const cliUser = { id: `cli:${localWho()}`, name: localWho() };

describe("CLI restore", () => {
  it("writes exactly one audit line on stderr, leaving stdout to the command's JSON", async () => {
    const r = await cli(["restore", "previous", "-auto-approve", "--json", ...be]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { restoredFrom: string; newVersionId: string };
    const lines = auditLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      type: "audit",
      who: cliUser,
      role: "cli",
      backend: "cli",
      workspace: "default",
      action: "restore",
      target: { sourceVersionId: out.restoredFrom, versionId: out.newVersionId },
      result: "ok",
    });
  });

  it("also stores the event under audit.s3 of the Statehouse config", async () => {
    const r = await cli(["restore", "previous", "-w", "viaconfig", "-auto-approve", ...configArgs]);
    expect(r.code).toBe(0);
    const lines = auditLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ backend: "audited", workspace: "viaconfig", action: "restore", role: "cli", result: "ok" });
    expect({ type: "audit", ...(await storedEvent(lines[0]!)) }).toEqual(lines[0]);
  });

  it("audits a refused attempt once, with the error code", async () => {
    const info = await writer.lock("locked", { who: "ci@runner" });
    const r = await cli(["restore", "previous", "-w", "locked", "-auto-approve", ...be]);
    await writer.unlock("locked", info);
    expect(r.code).toBe(1);
    const lines = auditLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ action: "restore", result: "refused", error: { code: "LOCKED" } });
  });
});

describe("CLI unlock", () => {
  it("writes exactly one audit line on stderr naming the lock", async () => {
    const info = await writer.lock("default", { who: "ci@crashed" });
    const r = await cli(["unlock", "-force", info.ID, ...be]);
    expect(r.code).toBe(0);
    const lines = auditLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ who: cliUser, role: "cli", backend: "cli", workspace: "default", action: "unlock", target: { lockId: info.ID }, result: "ok" });
    expect(r.stdout).not.toContain('"type":"audit"');
  });

  it("also stores the event under audit.s3 of the Statehouse config", async () => {
    const info = await writer.lock("viaconfig", { who: "ci@crashed" });
    const r = await cli(["unlock", "-force", "-w", "viaconfig", info.ID, ...configArgs]);
    expect(r.code).toBe(0);
    const lines = auditLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ backend: "audited", action: "unlock", target: { lockId: info.ID }, result: "ok" });
    expect({ type: "audit", ...(await storedEvent(lines[0]!)) }).toEqual(lines[0]);
  });
});
