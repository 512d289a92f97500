/**
 * The audited server actions end to end on moto: input checks, permission per role, the lib call,
 * and exactly one audit event per attempt (ok / refused / failed with the error code).
 * Only the session lookup (`@/auth`, which needs a Next request) is replaced: the role decision
 * itself is lib/auth's `can`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import type { Role, SessionUser } from "@/lib/auth/types";
import { readLockStatus } from "@/lib/backend/locks/status";
import { readStateObject } from "@/lib/backend/versions";
import { getBackendContext } from "@/lib/domain/backends";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { stateKey } from "@/lib/backend/keys";
import { rawClients, testOptions } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { breakLockAction } from "@/app/actions/break-lock";
import { breakOrphanLockAction } from "@/app/actions/break-orphan-lock";
import { repairDigestAction } from "@/app/actions/repair-digest";
import { restoreVersionAction } from "@/app/actions/restore-version";
import { revealSensitiveAction } from "@/app/actions/reveal-sensitive";
import { readersForCaller } from "@/app/(dashboard)/_lib/dependency-scope";
import { newBackend, stateOf, type TestBackend } from "./setup";

const session: { current: { user: SessionUser; role: Role } | null } = { current: null };

vi.mock("@/auth", () => import("@/testkit/fake-auth").then((m) => m.fakeAuth(() => session.current)));

const as = (role: Role) => {
  session.current = { user: { id: `local:${role}`, name: role, email: `${role}@example.com`, groups: [], provider: "local" }, role };
};

let stdout: MockInstance<typeof process.stdout.write>;
const auditEvents = () =>
  stdout.mock.calls
    .map(([chunk]) => String(chunk))
    .filter((l) => l.startsWith('{"type":"audit"'))
    .map((l) => JSON.parse(l) as { action: string; result: string; workspace?: string; who: { id: string }; role: string | null; target: Record<string, string>; error?: { code: string } });

let b: TestBackend;
const backend = "writes-actions";

beforeAll(async () => {
  b = await newBackend("dynamodb");
  const dir = mkdtempSync(path.join(tmpdir(), "statehouse-actions-"));
  const file = path.join(dir, "statehouse.config.json");
  writeFileSync(file, JSON.stringify({ backends: [{ name: backend, options: testOptions({ bucket: b.bucket, dynamodb_table: b.table }) }] }));
  process.env.STATEHOUSE_CONFIG = file;
  // Write through the configured backend, exactly as Statehouse will see it.
  b.writer = new ToolWriter(await getBackendContext(backend));
});
beforeEach(() => {
  stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterEach(() => {
  stdout.mockRestore();
  session.current = null;
});

describe("restoreVersionAction", () => {
  it("restores for an admin and records one ok event naming source and new version", async () => {
    const v1 = await b.writer.apply("prod", stateOf(1, 1));
    await b.writer.apply("prod", stateOf(1, 2));
    as("admin");
    const r = await restoreVersionAction({ backend, workspace: "prod", versionId: v1.versionId });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.serial).toBe(3n);
    const { metadata } = await readStateObject(b.ctx, "prod");
    expect(metadata["statehouse-restored-by"]).toBe("admin@example.com via Statehouse");
    expect(auditEvents()).toEqual([
      expect.objectContaining({ action: "restore", result: "ok", role: "admin", who: expect.objectContaining({ id: "local:admin" }), target: { sourceVersionId: v1.versionId, versionId: r.data.newVersionId } }),
    ]);
  });

  it("refuses an operator (FORBIDDEN) and a visitor (UNAUTHENTICATED), one refused event each", async () => {
    const v1 = await b.writer.apply("op", stateOf(2, 1));
    as("operator");
    const r1 = await restoreVersionAction({ backend, workspace: "op", versionId: v1.versionId });
    session.current = null;
    const r2 = await restoreVersionAction({ backend, workspace: "op", versionId: v1.versionId });
    expect([r1.ok || r1.error.code, r2.ok || r2.error.code]).toEqual(["FORBIDDEN", "UNAUTHENTICATED"]);
    expect(auditEvents().map((e) => [e.result, e.error?.code, e.who.id])).toEqual([
      ["refused", "FORBIDDEN", "local:operator"],
      ["refused", "UNAUTHENTICATED", "anonymous"],
    ]);
  });

  it("refuses bad input without touching anything", async () => {
    as("admin");
    const r = await restoreVersionAction({ backend, workspace: "../etc", versionId: "v" });
    expect(r.ok || r.error.code).toBe("INVALID_INPUT");
    expect(auditEvents()).toEqual([]);
  });

  it("reports a lock held by a run as refused with the holder", async () => {
    const v1 = await b.writer.apply("held", stateOf(3, 1));
    const run = await b.writer.lock("held", { who: "ci@runner-4" });
    as("admin");
    const r = await restoreVersionAction({ backend, workspace: "held", versionId: v1.versionId });
    expect(r.ok || r.error).toMatchObject({ code: "LOCKED", message: expect.stringContaining("ci@runner-4") });
    expect(auditEvents()).toEqual([expect.objectContaining({ result: "refused", error: expect.objectContaining({ code: "LOCKED" }) })]);
    await b.writer.unlock("held", run);
  });
});

describe("breakLockAction and repairDigestAction", () => {
  it("lets an operator break a crashed lock (ok event) but not repair a digest (refused event)", async () => {
    await b.writer.apply("crash", stateOf(4, 1));
    const crashed = await b.writer.lock("crash", { who: "ci@dead" });
    as("operator");
    const r = await breakLockAction({ backend, workspace: "crash", lockId: crashed.ID, kind: "dynamodb" });
    expect(r).toEqual({ ok: true, data: { released: ["dynamodb"], holder: { who: "ci@dead", operation: crashed.Operation, created: crashed.Created } } });
    expect((await readLockStatus(b.ctx, "crash")).locks).toEqual([]);

    const stale = await b.writer.corruptDigest("crash");
    const { etag } = await readStateObject(b.ctx, "crash");
    const denied = await repairDigestAction({ backend, workspace: "crash", expectedDigest: stale, currentEtag: etag });
    expect(denied.ok || denied.error.code).toBe("FORBIDDEN");
    as("admin");
    const repaired = await repairDigestAction({ backend, workspace: "crash", expectedDigest: stale, currentEtag: etag });
    expect(repaired.ok).toBe(true);
    expect(auditEvents().map((e) => [e.action, e.result, e.target.lockId ?? null])).toEqual([
      ["unlock", "ok", crashed.ID],
      ["repair-digest", "refused", null],
      ["repair-digest", "ok", null],
    ]);
    // The unlock event says whose lock was broken.
    expect(auditEvents()[0]!.target).toEqual({ lockId: crashed.ID, lockKind: "dynamodb", lockWho: "ci@dead", lockOperation: crashed.Operation, lockCreated: crashed.Created });
  });

  it("lets an operator break an orphan lock (no workspace) with the same check and an audit event naming its key", async () => {
    await b.writer.apply("orphaned", stateOf(6, 1));
    const crashed = await b.writer.lock("orphaned", { who: "ci@orphan" }, { s3: false, dynamodb: true });
    const key = stateKey(b.ctx.def.options, "orphaned");
    await rawClients().s3.send(new DeleteObjectCommand({ Bucket: b.ctx.def.options.bucket, Key: key }));
    as("viewer");
    const denied = await breakOrphanLockAction({ backend, stateKey: key, lockId: crashed.ID, kind: "dynamodb" });
    expect(denied.ok || denied.error.code).toBe("FORBIDDEN");
    as("operator");
    const r = await breakOrphanLockAction({ backend, stateKey: key, lockId: crashed.ID, kind: "dynamodb" });
    expect(r).toMatchObject({ ok: true, data: { released: ["dynamodb"], holder: { who: "ci@orphan" } } });
    expect((await readLockStatus(b.ctx, "orphaned")).locks).toEqual([]);
    expect(auditEvents().map((e) => [e.action, e.result, e.workspace ?? null, e.target.stateKey, e.target.lockWho ?? null])).toEqual([
      ["unlock", "refused", null, key, null],
      ["unlock", "ok", null, key, "ci@orphan"],
    ]);
  });

  it("records a changed lock as refused with LOCK_CHANGED", async () => {
    const run = await b.writer.lock("moved", { who: "ci@new" });
    as("operator");
    const r = await breakLockAction({ backend, workspace: "moved", lockId: "11111111-2222-4333-8444-555555555555" });
    expect(r.ok || r.error.code).toBe("LOCK_CHANGED");
    expect(auditEvents()).toEqual([expect.objectContaining({ action: "unlock", result: "refused", error: expect.objectContaining({ code: "LOCK_CHANGED" }) })]);
    await b.writer.unlock("moved", run);
  });
});

describe("after a write", () => {
  /** A state whose only resource reads the outputs of workspace `reads` of this backend through terraform_remote_state. */
  const reading = (seed: number, serial: number, reads: string) => ({
    ...stateOf(seed, serial),
    resources: [
      {
        mode: "data",
        type: "terraform_remote_state",
        name: "upstream",
        provider: 'provider["terraform.io/builtin/terraform"]',
        instances: [
          {
            schema_version: 0,
            attributes: { backend: "s3", config: { value: { bucket: b.bucket, key: "terraform.tfstate", region: "us-east-1" }, type: ["object", {}] }, defaults: null, outputs: { value: {}, type: ["object", {}] }, workspace: reads },
            sensitive_attributes: [],
          },
        ],
      },
    ],
  });

  it("a restore that brings a data source back shows in the dependency graph at once, not when its memo expires", async () => {
    await b.writer.apply("upstream", stateOf(8, 1));
    const v1 = await b.writer.apply("downstream", reading(9, 1, "upstream"));
    await b.writer.apply("downstream", stateOf(9, 2));
    as("admin");
    const readers = async () => {
      const r = await readersForCaller(backend, "upstream");
      if (!r.ok) throw new Error(r.error.code);
      return r.data.consumers.map((c) => `${c.workspace} ${c.address}`);
    };
    expect(await readers()).toEqual([]); // the graph is built, and kept for its 15 s
    expect((await restoreVersionAction({ backend, workspace: "downstream", versionId: v1.versionId })).ok).toBe(true);
    expect(await readers()).toEqual(["downstream data.terraform_remote_state.upstream"]);
  });
});

describe("revealSensitiveAction", () => {
  it("returns only the requested value to an admin, refuses a viewer, and audits both", async () => {
    await b.writer.apply("secrets", {
      version: 4,
      terraform_version: "1.9.1",
      serial: 1,
      lineage: "l-1",
      outputs: { db_password: { value: "hunter2", type: "string", sensitive: true }, conn: { value: { user: "app", pass: "s3cret" }, type: ["object", { user: "string", pass: "string" }], sensitive: true } },
      resources: [
        {
          mode: "managed",
          type: "aws_db_instance",
          name: "main",
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [{ index_key: 0, schema_version: 0, attributes: { id: "db-1", password: "pw-0", tags: { a: "b" } }, sensitive_attributes: [[{ type: "get_attr", value: "password" }]] }],
        },
      ],
      check_results: null,
    });
    as("viewer");
    const denied = await revealSensitiveAction({ backend, workspace: "secrets", output: "db_password" });
    expect(denied.ok || denied.error.code).toBe("FORBIDDEN");
    expect(JSON.stringify(denied)).not.toContain("hunter2");

    as("admin");
    expect(await revealSensitiveAction({ backend, workspace: "secrets", output: "db_password" })).toEqual({ ok: true, data: { value: "hunter2" } });
    expect(await revealSensitiveAction({ backend, workspace: "secrets", output: "conn", path: ["pass"] })).toEqual({ ok: true, data: { value: "s3cret" } });
    expect(await revealSensitiveAction({ backend, workspace: "secrets", resource: "aws_db_instance.main[0]", path: ["password"] })).toEqual({ ok: true, data: { value: "pw-0" } });
    const missing = await revealSensitiveAction({ backend, workspace: "secrets", output: "conn", path: ["nope"] });
    expect(missing.ok || missing.error.code).toBe("NOT_FOUND");
    const both = await revealSensitiveAction({ backend, workspace: "secrets", output: "conn", resource: "x.y" });
    expect(both.ok || both.error.code).toBe("INVALID_INPUT");

    const events = auditEvents();
    expect(events.map((e) => [e.result, e.target.output ?? e.target.resource])).toEqual([
      ["refused", "db_password"],
      ["ok", "db_password"],
      ["ok", "conn"],
      ["ok", "aws_db_instance.main[0]"],
      ["refused", "conn"],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/hunter2|s3cret|pw-0/);
  });
});
