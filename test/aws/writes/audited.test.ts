/**
 * How an audited action reports problems with its own audit event: a completed action is never
 * turned into an error, its event is recorded once, and a failed S3 write comes back as auditWarning.
 * Only the session lookup (`@/auth`, which needs a Next request) is replaced.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/types";
import { getBackendContext } from "@/lib/domain/backends";
import { motoEndpoint, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { auditedAction } from "@/app/actions/audited";
import { restoreVersionAction } from "@/app/actions/restore-version";
import { newBackend, stateOf, type TestBackend } from "./setup";

const admin: SessionUser = { id: "local:admin", name: "admin", email: "admin@example.com", groups: [], provider: "local" };

vi.mock("@/auth", () => ({
  authorize: async () => ({ user: admin, role: "admin" }),
  getRole: async () => ({ user: admin, role: "admin" }),
}));

// The audit trail's S3 client uses the default credential chain, as in production.
process.env.AWS_ACCESS_KEY_ID ??= "testing";
process.env.AWS_SECRET_ACCESS_KEY ??= "testing";

let stdout: MockInstance<typeof process.stdout.write>;
const auditEvents = () =>
  stdout.mock.calls
    .map(([chunk]) => String(chunk))
    .filter((l) => l.startsWith('{"type":"audit"'))
    .map((l) => JSON.parse(l) as { result: string });

let b: TestBackend;
const backend = "writes-audited";

beforeAll(async () => {
  b = await newBackend("dynamodb");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "statehouse-audited-")), "statehouse.config.json");
  // An audit bucket that does not exist: every S3 write of an event fails.
  const audit = { s3: { bucket: uniqueName("no-such-audit"), region: "us-east-1", endpoint: motoEndpoint(), use_path_style: true } };
  writeFileSync(file, JSON.stringify({ backends: [{ name: backend, options: testOptions({ bucket: b.bucket, dynamodb_table: b.table }) }], audit }));
  process.env.STATEHOUSE_CONFIG = file;
  b.writer = new ToolWriter(await getBackendContext(backend));
});
beforeEach(() => {
  stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe("auditedAction", () => {
  it("returns a completed restore with auditWarning when its event could not be stored in S3", async () => {
    const v1 = await b.writer.apply("prod", stateOf(1, 1));
    await b.writer.apply("prod", stateOf(1, 2));
    const r = await restoreVersionAction({ backend, workspace: "prod", versionId: v1.versionId });
    if (!r.ok) throw new Error(`restore failed: ${r.error.message}`);
    expect(r.data.serial).toBe(3n);
    expect(r.data.auditWarning).toMatchObject({ code: "BUCKET_MISSING", message: expect.stringMatching(/^Done, but its audit event was not stored: /) });
    expect(auditEvents().map((e) => e.result)).toEqual(["ok"]);
  });

  it("never turns a completed action into an error, nor records it a second time as failed, when recording throws", async () => {
    let ran = 0;
    const r = await auditedAction(z.object({ backend: z.string(), workspace: z.string() }), { backend, workspace: "prod" }, {
      permission: "unlock",
      audit: "unlock",
      // A malformed target once the action is done: recording its event throws.
      target: (_input, out) => (out ? ({ lockId: 42 } as never) : {}),
      run: async () => {
        ran++;
        return { released: ["dynamodb"] };
      },
    });
    expect(ran).toBe(1);
    expect(r).toMatchObject({ ok: true, data: { released: ["dynamodb"], auditWarning: { code: "INVALID_INPUT" } } });
    expect(auditEvents()).toEqual([]);
  });
});
