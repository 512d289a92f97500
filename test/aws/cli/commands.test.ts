import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import type { S3BackendOptions } from "@/lib/config/types";
import { createBucket, createLockTable, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";
import { backendConfigArgs, cli } from "./harness";

const fixtures = path.join(__dirname, "__fixtures__");
const outputsState = readFileSync(path.join(fixtures, "outputs.tfstate"));
const outputsExpected = readFileSync(path.join(fixtures, "outputs.expected.json"), "utf8");

let options: S3BackendOptions;
let be: string[];
let writer: ToolWriter;
let crashedLockId: string;

beforeAll(async () => {
  const bucket = uniqueName("cli-cmds");
  const table = uniqueName("cli-locks");
  await createBucket(bucket, { versioning: "Enabled" });
  await createLockTable(table);
  options = testOptions({ bucket, dynamodb_table: table, use_lockfile: true });
  be = backendConfigArgs(options);
  writer = new ToolWriter(openBackend(testDefinition("cli-seed", options)), "terraform");
  await writer.apply("default", buildState({ seed: 1, serial: 1, generation: 0 }));
  await writer.apply("default", buildState({ seed: 1, serial: 2, generation: 1 }));
  await writer.apply("prod", outputsState);
  await writer.apply("secrets", outputsState);
  await writer.apply("secrets", new TextDecoder().decode(outputsState).replace("p<a>ss&word", "n3w-s3cret").replace('"serial": 7', '"serial": 8'));
  await writer.apply("staging", buildState({ seed: 2, serial: 5 }));
  crashedLockId = (await writer.lock("staging", { who: "ci@crashed-runner", operation: "OperationTypeApply", now: new Date("2026-01-02T03:04:05Z") })).ID;
  await writer.apply("old", buildState({ seed: 3, serial: 1 }));
  await writer.deleteWorkspace("old");
});

describe("workspaces", () => {
  it("prints what terraform workspace list lists, with size and last change, by default", async () => {
    const r = await cli(["workspaces", ...be]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+SIZE\s+LAST MODIFIED$/);
    // The deleted workspace is found only with --deleted, the lock holder only with --locks.
    expect(lines.slice(1).map((l) => l.split(" ")[0])).toEqual(["default", "prod", "secrets", "staging"]);
    expect(r.stdout).not.toContain("locked by");
    expect(lines.find((l) => l.startsWith("prod"))).toMatch(/KiB/);
  });

  it("adds the lock holder and deleted workspaces with --all", async () => {
    const r = await cli(["workspaces", "--all", ...be]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+SIZE\s+LAST MODIFIED\s+LOCK\s+DELETED$/);
    expect(lines.slice(1).map((l) => l.split(" ")[0])).toEqual(["default", "old", "prod", "secrets", "staging"]);
    expect(lines.find((l) => l.startsWith("staging"))).toContain("locked by ci@crashed-runner");
    expect(lines.find((l) => l.startsWith("old"))).toMatch(/deleted$/);
    expect(lines.find((l) => l.startsWith("prod"))).toMatch(/KiB/);
  });

  it("adds one column per flag: -locks alone, -deleted alone", async () => {
    const locks = await cli(["workspaces", "-locks", ...be]);
    expect(locks.code).toBe(0);
    expect(locks.stdout.split("\n")[0]).toMatch(/^NAME\s+SIZE\s+LAST MODIFIED\s+LOCK$/);
    expect(locks.stdout).toContain("locked by ci@crashed-runner");
    expect(locks.stdout).not.toMatch(/^old /m);
    const deleted = await cli(["workspaces", "--deleted", ...be]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout.split("\n")[0]).toMatch(/^NAME\s+SIZE\s+LAST MODIFIED\s+DELETED$/);
    expect(deleted.stdout).toMatch(/^old .*deleted$/m);
    expect(deleted.stdout).not.toContain("locked by");
  });

  it("prints JSON with --json, lock fields only when they were read", async () => {
    const all = await cli(["workspaces", "--json", "--all", ...be]);
    expect(all.code).toBe(0);
    const doc = JSON.parse(all.stdout) as { workspaces: { name: string; locked: boolean; deleted: boolean }[]; included: unknown };
    expect(doc.included).toEqual({ locks: true, deleted: true });
    expect(doc.workspaces.map((w) => [w.name, w.locked, w.deleted])).toEqual([
      ["default", false, false],
      ["old", false, true],
      ["prod", false, false],
      ["secrets", false, false],
      ["staging", true, false],
    ]);
    const plain = await cli(["workspaces", "--json", ...be]);
    const bare = JSON.parse(plain.stdout) as { workspaces: Record<string, unknown>[]; included: unknown };
    expect(bare.included).toEqual({ locks: false, deleted: false });
    expect(bare.workspaces.map((w) => w.name)).toEqual(["default", "prod", "secrets", "staging"]);
    for (const w of bare.workspaces) {
      expect(w).not.toHaveProperty("locked");
      expect(w).not.toHaveProperty("lockHolders");
      expect(w).toHaveProperty("deleted", false);
    }
  });

  it("says in --help that the lock and deleted columns are opt-in", async () => {
    const r = await cli(["workspaces", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--locks\s+Add the LOCK column/);
    expect(r.stdout).toMatch(/--deleted\s+Add the DELETED column/);
    expect(r.stdout).toMatch(/--all\s+Both --locks and --deleted/);
  });
});

describe("state show", () => {
  it("shows the header, resources and masked outputs", async () => {
    const r = await cli(["state", "show", "-w", "prod", ...be]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Serial 7  Lineage 5f0c2a1e-8d1b-4c3a-9e7f-2b6d4a1c0e99  Tool version 1.9.8  Format 4");
    expect(r.stdout).toContain("No resources.");
    expect(r.stdout).toMatch(/db_password\s+string\s+\(sensitive value\)/);
    expect(r.stdout).toMatch(/vpc_id\s+string\s+"vpc-0a1b2c3d"/);
    expect(r.stdout).not.toContain("p<a>ss");
    expect(r.stdout).not.toContain("admin");
  });

  it("lists resources with instance counts and status, and JSON without sensitive values", async () => {
    const table = await cli(["state", "show", ...be]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ADDRESS\s+TYPE\s+INSTANCES\s+STATUS$/m);
    expect(table.stdout).toMatch(/^data\.aws_caller_identity\.current\s+aws_caller_identity \(data\)\s+1$/m);
    const r = await cli(["state", "show", "--json", ...be]);
    const doc = JSON.parse(r.stdout) as { serial: number; kind: string; resources: { address: string }[] };
    expect(doc.kind).toBe("state");
    expect(doc.serial).toBe(2);
    expect(doc.resources.map((x) => x.address)).toContain("data.aws_caller_identity.current");
    // Resources and instances are named apart, as on the State tab and the workspaces table.
    const instances = (doc.resources as unknown as { instances: unknown[] }[]).reduce((n, x) => n + x.instances.length, 0);
    expect(table.stdout).toContain(`${doc.resources.length} resource${doc.resources.length === 1 ? "" : "s"}, ${instances} instance${instances === 1 ? "" : "s"}`);
    const prod = await cli(["state", "show", "--json", "-w", "prod", ...be]);
    expect(JSON.parse(prod.stdout).outputs.db_password).toEqual({ type: "string", sensitive: true, value: "(sensitive value)" });
  });

  it("shows a prior version with --version", async () => {
    const versions = JSON.parse((await cli(["versions", "--json", ...be])).stdout) as { versions: { versionId: string }[] };
    const oldest = versions.versions.at(-1)!.versionId;
    const r = await cli(["state", "show", "--json", "--version", oldest, ...be]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ versionId: oldest, serial: 1 });
  });

  it("says a deleted workspace was deleted (exit 1)", async () => {
    const r = await cli(["state", "show", "-w", "old", ...be]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: .*delete marker/);
  });
});

describe("outputs", () => {
  it("--json prints exactly what `terraform output -json` prints", async () => {
    const r = await cli(["outputs", "-w", "prod", "--json", ...be]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(outputsExpected);
  });

  it("takes the workspace from TF_WORKSPACE", async () => {
    const r = await cli(["outputs", "--json", ...be], { env: { TF_WORKSPACE: "prod" } });
    expect(r.stdout).toBe(outputsExpected);
  });

  it("masks sensitive values in the table", async () => {
    const r = await cli(["outputs", "-w", "prod", ...be]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OUTPUT\s+TYPE\s+VALUE$/m);
    expect(r.stdout).toMatch(/^subnets\s+list\(object\(\{/m);
    expect(r.stdout).toMatch(/^db_config\s+object\(.*\(sensitive value\)$/m);
    expect(r.stdout).not.toContain("p<a>ss");
  });
});

describe("versions", () => {
  it("lists versions newest first with the latest marked", async () => {
    const r = await cli(["versions", ...be]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^VERSION ID\s+MODIFIED\s+SIZE\s+LATEST\s+DELETE MARKER$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/latest$/);
    expect(lines[2]).not.toMatch(/latest/);
  });

  it("shows the delete marker of a deleted workspace", async () => {
    const r = await cli(["versions", "-w", "old", "--json", ...be]);
    const doc = JSON.parse(r.stdout) as { versioning: string; versions: { isDeleteMarker: boolean; isLatest: boolean }[] };
    expect(doc.versioning).toBe("Enabled");
    expect(doc.versions.map((v) => [v.isDeleteMarker, v.isLatest])).toEqual([
      [true, true],
      [false, false],
    ]);
    const table = await cli(["versions", "-w", "old", ...be]);
    expect(table.stdout.split("\n")[1]).toMatch(/latest\s+delete marker$/);
  });
});

describe("diff", () => {
  it("summarises previous → current", async () => {
    const r = await cli(["diff", "previous", "current", ...be]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Serial 1 → 2\s+Lineage unchanged/);
    expect(r.stdout).toMatch(/Resources: \d+ added, \d+ removed, [1-9]\d* changed/);
    expect(r.stdout).toMatch(/^~ changed\s+\S+/m);
  });

  it("prints the structural diff as JSON", async () => {
    const r = await cli(["diff", "previous", "current", "--json", ...be]);
    const doc = JSON.parse(r.stdout) as { diff: { serial: { before: number; after: number }; counts: { changed: number } } };
    expect(doc.diff.serial).toEqual({ before: 1, after: 2 });
    expect(doc.diff.counts.changed).toBeGreaterThan(0);
  });

  it("masks sensitive outputs in the structural and the text diff", async () => {
    const r = await cli(["diff", "-w", "secrets", "previous", "current", ...be]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^changed\s+db_password\s+\(sensitive value\)\s+\(sensitive value\)$/m);
    const text = await cli(["diff", "-w", "secrets", "previous", "current", "--text", ...be]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^--- secrets@\S+\n\+\+\+ secrets@\S+\n@@ -\d+,\d+ \+\d+,\d+ @@$/m);
    expect(text.stdout).toMatch(/^- {2}"serial": 7,$/m);
    expect(text.stdout).toMatch(/^\+ {2}"serial": 8,$/m);
    for (const out of [r.stdout, text.stdout]) {
      expect(out).not.toContain("n3w-s3cret");
      expect(out).not.toContain("p<a>ss");
    }
  });

  it("needs two versions (usage error, exit 2)", async () => {
    const r = await cli(["diff", "current", ...be]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Error: Missing B.\nRun "statehouse diff --help" for usage.\n');
  });
});

describe("lock and unlock", () => {
  it("shows both lock kinds and the digest status", async () => {
    const r = await cli(["lock", "-w", "staging", ...be]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^s3\\s+${crashedLockId}\\s+apply\\s+ci@crashed-runner\\s+1\\.10\\.3\\s+2026-01-02T03:04:05Z`, "m"));
    expect(r.stdout).toMatch(new RegExp(`^dynamodb\\s+${crashedLockId}\\s`, "m"));
    expect(r.stdout).toMatch(/^Digest: [0-9a-f]{32} matches the current state object\.$/m);
    const free = await cli(["lock", ...be]);
    expect(free.stdout).toContain('Workspace "default" is not locked.');
  });

  it("never writes a lock holder's control characters to the terminal (escape-sequence injection)", async () => {
    const evil = "x\x1b]0;pwned\x07\x1b[2J\ny\u009b31m";
    await writer.apply("injected", buildState({ seed: 5, serial: 1 }));
    await writer.apply("injected", buildState({ seed: 5, serial: 2 }));
    const info = await writer.lock("injected", { who: evil, operation: "OperationTypeApply" });
    const shown = await cli(["lock", "-w", "injected", ...be]);
    const restore = await cli(["restore", "-w", "injected", "-auto-approve", "previous", ...be]);
    const unlock = await cli(["unlock", "-w", "injected", info.ID, ...be], { answer: "no" });
    for (const out of [shown.stdout, shown.stderr, restore.stdout, restore.stderr, unlock.stdout, unlock.stderr]) {
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    }
    expect(shown.stdout).toContain("x\\u001b]0;pwned\\u0007\\u001b[2J\\u000ay\\u009b31m");
    expect(restore.stderr).toContain("locked by x\\u001b]0;pwned");
    await writer.unlock("injected", info);
  });

  it("unlock asks for confirmation and releases exactly that lock", async () => {
    const no = await cli(["unlock", "-w", "staging", crashedLockId, ...be], { answer: "no" });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain("force-unlock cancelled.");
    expect(JSON.parse((await cli(["lock", "-w", "staging", "--json", ...be])).stdout).locks).toHaveLength(2);

    const wrong = await cli(["unlock", "-w", "staging", "-force", "00000000-0000-0000-0000-000000000000", ...be]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^Error: .*Nothing was released/m);
    expect(wrong.stderr).toMatch(/^Error: Lock ID 00000000-0000-0000-0000-000000000000 does not match the lock held: /m);
    expect(wrong.stderr).toContain(`Hint: If that run was abandoned, release its lock with its own ID ${crashedLockId}.`);

    const yes = await cli(["unlock", "-w", "staging", crashedLockId, ...be], { answer: "yes" });
    expect(yes.stderr).not.toContain("Error");
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain(`Released lock ${crashedLockId}`);
    expect(JSON.parse((await cli(["lock", "-w", "staging", "--json", ...be])).stdout).locks).toEqual([]);
  });
});

describe("restore", () => {
  it("is cancelled without confirmation", async () => {
    const r = await cli(["restore", "previous", ...be]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Restore cancelled.");
  });

  it("copies the chosen version forward with serial = current + 1", async () => {
    const before = JSON.parse((await cli(["versions", "--json", ...be])).stdout) as { versions: { versionId: string }[] };
    const chosen = before.versions[1]!.versionId;
    const r = await cli(["restore", chosen, "-auto-approve", "--json", ...be]);
    expect(r.stderr).toContain("written as serial 3");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ restoredFrom: chosen, serial: 3 });
    const after = JSON.parse((await cli(["state", "show", "--json", ...be])).stdout);
    expect(after.serial).toBe(3);
    const diff = JSON.parse((await cli(["diff", chosen, "current", "--json", ...be])).stdout);
    expect(diff.diff.counts).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });
});

describe("restore across lineages", () => {
  it("refuses another lineage unless --confirm-lineage-change is given", async () => {
    await writer.apply("lineage", buildState({ seed: 6, serial: 1 }));
    await writer.apply("lineage", buildState({ seed: 7, serial: 40 }));
    const refused = await cli(["restore", "-w", "lineage", "previous", "-auto-approve", ...be]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--confirm-lineage-change is required");
    expect(refused.stderr).toMatch(/^Error: The chosen version has lineage/m);
    expect(refused.stderr).toContain("Hint: Pass --confirm-lineage-change");
    const ok = await cli(["restore", "-w", "lineage", "previous", "-auto-approve", "--confirm-lineage-change", ...be]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Restored version \S+ of workspace "lineage" as new version \S+ \(serial 41\)\.$/m);
  });
});

describe("outputs of a default workspace without state", () => {
  it("prints {} as terraform does", async () => {
    const bucket = uniqueName("cli-nostate");
    await createBucket(bucket, { versioning: "Enabled" });
    const r = await cli(["outputs", "--json", ...backendConfigArgs(testOptions({ bucket }))]);
    expect(r).toMatchObject({ code: 0, stdout: "{}\n" });
    const show = await cli(["state", "show", ...backendConfigArgs(testOptions({ bucket }))]);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain("Hint: Check the workspace name");
  });
});

describe("usage errors", () => {
  it("exit 2 with a pointer to help", async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: statehouse <command>");
    const unknown = await cli(["frobnicate"]);
    expect(unknown).toMatchObject({ code: 2, stdout: "" });
    expect(unknown.stderr).toMatch(/^Error: Unknown command "frobnicate"/);
    const option = await cli(["workspaces", "--frob"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Error: Unknown option '--frob'.");
    const both = await cli(["workspaces", "--config", "x.json", "-backend-config=bucket=b"]);
    expect(both.code).toBe(2);
    const badName = await cli(["state", "show", "-w", "a/b", ...be]);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/^Error: The workspace name "a\/b" is not allowed/);
  });

  it("prints help for each command", async () => {
    const r = await cli(["state", "show", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: statehouse state show [options]");
    expect(r.stdout).toContain("--version ID");
    expect((await cli(["help", "restore"])).stdout).toContain("--confirm-lineage-change");
  });
});

describe("backend errors", () => {
  it("reports a missing bucket on stderr with exit 1", async () => {
    const r = await cli(["workspaces", ...backendConfigArgs({ ...options, bucket: uniqueName("no-such-bucket") })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Error: The bucket "no-such-bucket-[^"]+" does not exist/);
    expect(r.stderr).toContain("Hint: Check the backend's bucket and region options.");
  });

  it("reports an invalid configuration naming the option", async () => {
    const r = await cli(["workspaces", "-backend-config=bucket=b"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: .*key/);
  });
});
