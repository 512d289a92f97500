import { beforeAll, describe, expect, it } from "vitest";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { openBackend } from "@/lib/backend/context";
import { digestIdFor, stateKey } from "@/lib/backend/keys";
import type { S3BackendOptions } from "@/lib/config/types";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { backendConfigArgs, cli } from "./harness";

/** The CLI items of the hostile-input review: repair-digest, unlock with a wrong ID, missing workspaces, digest warnings. */

let options: S3BackendOptions;
let be: string[];
let writer: ToolWriter;

async function storedDigest(workspace: string): Promise<string | undefined> {
  const r = await rawClients().ddb.send(
    new GetItemCommand({ TableName: options.dynamodb_table!, Key: { LockID: { S: digestIdFor(options.bucket, stateKey(options, workspace)) } }, ConsistentRead: true }),
  );
  return r.Item?.Digest?.S;
}

beforeAll(async () => {
  const bucket = uniqueName("cli-hostile");
  const table = uniqueName("cli-hostile-locks");
  await createBucket(bucket, { versioning: "Enabled" });
  await createLockTable(table);
  options = testOptions({ bucket, dynamodb_table: table });
  be = backendConfigArgs(options);
  writer = new ToolWriter(openBackend(testDefinition("cli-hostile", options)), "terraform");
  await writer.apply("default", buildState({ seed: 11, serial: 1 }));
  await writer.apply("production", buildState({ seed: 12, serial: 1 }));
  await writer.apply("prod-eu", buildState({ seed: 13, serial: 1 }));
  await writer.apply("staging", buildState({ seed: 14, serial: 1 }));
  await writer.apply("gone", buildState({ seed: 15, serial: 1 }));
  await writer.deleteWorkspace("gone");
});

describe("repair-digest", () => {
  it("repairs a mismatched digest with the dashboard's checks, audited; refuses while locked; says when nothing is to repair", async () => {
    const ws = "staging";
    const bad = await writer.corruptDigest(ws);
    const warned = await cli(["state", "show", "-w", ws, ...be]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/^Warning: Digest MISMATCH for workspace "staging": Digest [0-9a-f]{32} was written for another version/m);
    expect(warned.stderr).toContain('repair it with "statehouse repair-digest -w staging"');

    const lock = await writer.lock(ws, { who: "ci@run" });
    const locked = await cli(["repair-digest", "-w", ws, "-force", ...be]);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/^Error: The state is locked by ci@run/m);
    expect(await storedDigest(ws)).toBe(bad);
    await writer.unlock(ws, lock);

    const cancelled = await cli(["repair-digest", "-w", ws, ...be], { answer: "no" });
    expect(cancelled.code).toBe(1);
    expect(await storedDigest(ws)).toBe(bad);

    const ok = await cli(["repair-digest", "-w", ws, ...be], { answer: "yes" });
    expect(ok.code).toBe(0);
    const md5 = (await cli(["lock", "-w", ws, "--json", ...be])).stdout;
    expect(JSON.parse(md5).digest.status).toBe("match");
    expect(ok.stdout).toMatch(new RegExp(`^Repaired the digest of workspace "staging": ${bad} → [0-9a-f]{32}\\.`, "m"));
    const events = ok.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { action: string; result: string; workspace: string });
    expect(events).toEqual([expect.objectContaining({ action: "repair-digest", result: "ok", workspace: ws })]);
    // A refused attempt is audited too.
    expect(locked.stderr).toMatch(/"action":"repair-digest"/);

    const nothing = await cli(["repair-digest", "-w", ws, "-force", ...be]);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toMatch(/^Nothing to repair for workspace "staging": digest [0-9a-f]{32} matches the current state object\.$/m);
    expect((await cli(["state", "show", "-w", ws, ...be])).stderr).toBe("");
  });

  it("workspaces warns for each workspace whose digest does not match", async () => {
    await writer.corruptDigest("prod-eu");
    const r = await cli(["workspaces", ...be]);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/^Warning: Digest MISMATCH for workspace "([^"]+)"/gm)).toEqual(['Warning: Digest MISMATCH for workspace "prod-eu"']);
    await cli(["repair-digest", "-w", "prod-eu", "-force", ...be]);
    expect((await cli(["workspaces", ...be])).stderr).toBe("");
  });
});

describe("unlock", () => {
  it("with a wrong ID says the ID does not match the lock held, and shows the holder; nothing is released", async () => {
    const held = await writer.lock("production", { who: "ci@runner-7", operation: "OperationTypeApply" });
    const r = await cli(["unlock", "-w", "production", "-force", "00000000-0000-0000-0000-000000000000", ...be]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Error: Lock ID 00000000-0000-0000-0000-000000000000 does not match the lock held: the dynamodb lock is held by ci@runner-7 (OperationTypeApply) since ${held.Created}, lock ID ${held.ID}. Nothing was released.`);
    expect(r.stderr).not.toContain("changed");
    expect(JSON.parse((await cli(["lock", "-w", "production", "--json", ...be])).stdout).locks).toHaveLength(1);
    await writer.unlock("production", held);

    const free = await cli(["unlock", "-w", "production", "-force", held.ID, ...be]);
    expect(free.code).toBe(1);
    expect(free.stderr).toContain(`Error: The state is not locked, so there is no lock ${held.ID} to release. Nothing was released.`);
  });

  it('--force "" is a usage error (exit 2)', async () => {
    const r = await cli(["unlock", "-w", "production", "--force", "", ...be]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: LOCK_ID is empty/m);
  });
});

describe("a workspace that never existed", () => {
  it("every command taking -w says it does not exist and lists the closest names", async () => {
    for (const argv of [["outputs"], ["state", "show"], ["versions"], ["diff", "previous", "current"], ["restore", "-auto-approve", "previous"], ["repair-digest", "-force"]]) {
      const r = await cli([...argv, "-w", "prodution", ...be]);
      expect(r.code, argv.join(" ")).toBe(1);
      expect(r.stderr, argv.join(" ")).toContain('Error: Workspace "prodution" does not exist in backend');
      expect(r.stderr, argv.join(" ")).toContain('The closest workspaces: "production", "prod-eu"');
      expect(r.stderr).not.toContain("Nothing found at");
    }
  });

  it("a deleted workspace still says it was deleted", async () => {
    const r = await cli(["outputs", "-w", "gone", ...be]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/delete marker/);
    expect(r.stderr).not.toContain("does not exist");
  });
});
