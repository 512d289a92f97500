// Needs a moto server: scripts/with-moto.sh npx vitest run test/aws/audit/audit.test.ts
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseAuditConfig, type AuditConfig } from "@/lib/audit/config";
import type { AuditEventInput } from "@/lib/audit/event";
import { listAudit } from "@/lib/domain/audit/list";
import { recordAudit } from "@/lib/domain/audit/record";
import { isRevoked, sessionsNotBefore, signOutEverywhere } from "@/lib/domain/sessions";
import { InvalidInputError } from "@/lib/errors";

const endpoint = process.env.MOTO_ENDPOINT;
const bucket = `audit-${process.pid}-${Date.now()}`;
process.env.AWS_ACCESS_KEY_ID ??= "test";
process.env.AWS_SECRET_ACCESS_KEY ??= "test";

function config(prefix: string, b = bucket): AuditConfig {
  return parseAuditConfig({ s3: { bucket: b, prefix, region: "us-east-1", endpoint, use_path_style: true } });
}

const s3 = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials: { accessKeyId: "test", secretAccessKey: "test" } });

function event(partial: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    who: { id: "local:alice", name: "Alice", email: "alice@example.com" },
    role: "admin",
    backend: "prod-network",
    workspace: "default",
    action: "restore",
    target: { versionId: "v2", sourceVersionId: "v1" },
    result: "ok",
    ...partial,
  };
}

async function body(key: string): Promise<string> {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await res.Body?.transformToString()) ?? "";
}

function quietly() {
  const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  return { out, err };
}

describe.skipIf(!endpoint)("audit trail in S3", () => {
  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterEach(() => vi.restoreAllMocks());

  it("writes one stdout line and one S3 object per event", async () => {
    const { out } = quietly();
    const res = await recordAudit(event({ at: "2026-03-04T05:06:07.089Z" }), config("rec"));
    expect(res.error).toBeUndefined();
    expect(res.key).toBe(`rec/2026/03/04/2026-03-04T05:06:07.089Z-${res.event.id}.json`);
    expect(res.event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(out).toHaveBeenCalledTimes(1);
    const line = String(out.mock.calls[0]?.[0]);
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line)).toEqual({ type: "audit", ...res.event });
    expect(JSON.parse(await body(res.key!))).toEqual(res.event);
  });

  it("never overwrites an event object: a second write of the same key fails and is reported", async () => {
    const { err } = quietly();
    const first = await recordAudit(event({ at: "2026-03-04T06:00:00.000Z" }), config("once"));
    const original = await body(first.key!);
    const again = await recordAudit(event({ id: first.event.id, at: first.event.at, result: "failed" }), config("once"));
    expect(again.key).toBe(first.key);
    expect(again.error?.code).toBe("PRECONDITION_FAILED");
    expect(await body(first.key!)).toBe(original);
    expect(JSON.parse(String(err.mock.calls[0]?.[0]))).toMatchObject({ type: "audit-write-failed", id: first.event.id });
  });

  it("reports (does not throw) a missing audit bucket", async () => {
    quietly();
    const res = await recordAudit(event(), config("x", `${bucket}-missing`));
    expect(res.error?.code).toBe("BUCKET_MISSING");
  });

  it("writes stdout only without an S3 location, and refuses a malformed event", async () => {
    const { out } = quietly();
    expect((await recordAudit(event(), {})).key).toBeNull();
    expect(out).toHaveBeenCalledTimes(1);
    await expect(recordAudit(event({ action: "delete-everything" as never }), {})).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("lists newest first across days, months and years, with filters and a cursor", async () => {
    quietly();
    const cfg = config("list");
    const ats = ["2025-12-31T23:59:59.999Z", "2026-01-01T00:00:00.000Z", "2026-01-01T10:00:00.000Z", "2026-02-10T08:00:00.000Z", "2026-02-10T09:00:00.000Z"];
    for (const [i, at] of ats.entries()) {
      await recordAudit(
        event({
          at,
          backend: i % 2 ? "prod-data" : "prod-network",
          workspace: i === 4 ? "staging" : "default",
          who: i === 3 ? { id: "github:bob", name: "Bob", email: "Bob@Example.com" } : { id: "local:alice", name: "Alice" },
          action: "unlock",
          target: { lockId: `lock-${i}` },
        }),
        cfg,
      );
    }
    const all = await listAudit({ limit: 50 }, cfg);
    expect(all.events.map((e) => e.at)).toEqual([...ats].reverse());
    expect(all.nextCursor).toBeNull();

    expect((await listAudit({ limit: 50, backend: "prod-data" }, cfg)).events.map((e) => e.target.lockId)).toEqual(["lock-3", "lock-1"]);
    expect((await listAudit({ limit: 50, workspace: "staging" }, cfg)).events.map((e) => e.target.lockId)).toEqual(["lock-4"]);
    expect((await listAudit({ limit: 50, user: "bob@example.com" }, cfg)).events.map((e) => e.target.lockId)).toEqual(["lock-3"]);
    expect((await listAudit({ limit: 50, user: "local:alice" }, cfg)).events).toHaveLength(4);
    // Every filter matches a case-insensitive substring.
    expect((await listAudit({ limit: 50, backend: "DATA" }, cfg)).events.map((e) => e.target.lockId)).toEqual(["lock-3", "lock-1"]);
    expect((await listAudit({ limit: 50, workspace: "stag" }, cfg)).events.map((e) => e.target.lockId)).toEqual(["lock-4"]);
    expect((await listAudit({ limit: 50, user: "bob" }, cfg)).events.map((e) => e.target.lockId)).toEqual(["lock-3"]);
    expect((await listAudit({ limit: 50, user: "ali" }, cfg)).events).toHaveLength(4);
    expect((await listAudit({ limit: 50, backend: "prod", workspace: "defau" }, cfg)).events).toHaveLength(4);

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listAudit({ limit: 2, ...(cursor ? { cursor } : {}) }, cfg);
      pages.push(page.events.map((e) => e.target.lockId!));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.flat()).toEqual(["lock-4", "lock-3", "lock-2", "lock-1", "lock-0"]);
    expect(pages[0]).toEqual(["lock-4", "lock-3"]);
  });

  it("reports objects that are not audit events instead of hiding them", async () => {
    quietly();
    const cfg = config("junk");
    await recordAudit(event({ at: "2026-05-05T00:00:00.000Z" }), cfg);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "junk/2026/05/05/2026-05-05T01:00:00.000Z-x.json", Body: "not json" }));
    const page = await listAudit({ limit: 10 }, cfg);
    expect(page.events).toHaveLength(1);
    expect(page.unreadable).toEqual(["junk/2026/05/05/2026-05-05T01:00:00.000Z-x.json"]);
  });

  it("refuses a bad limit or cursor", async () => {
    await expect(listAudit({ limit: 0 }, config("list"))).rejects.toBeInstanceOf(InvalidInputError);
    await expect(listAudit({ limit: 10, cursor: "bm90LWEta2V5" }, config("list"))).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("keeps a per-user notBefore for sign out everywhere", async () => {
    const loc = config("sess").s3!;
    expect(await sessionsNotBefore(loc, "local:carol")).toBeNull();
    const at = new Date("2026-06-01T12:00:00.000Z");
    await signOutEverywhere(loc, "local:dave", at);
    expect(await sessionsNotBefore(loc, "local:dave")).toBe(at.getTime());
    expect(isRevoked(at.getTime() - 1, at.getTime())).toBe(true);
    expect(isRevoked(at.getTime() + 1, at.getTime())).toBe(false);
    expect(isRevoked(0, null)).toBe(false);
    // Stored under the prefix by hash, not by user id, and never listed as an audit event.
    const listed = await listAudit({ limit: 10 }, config("sess"));
    expect(listed).toEqual({ events: [], nextCursor: null, unreadable: [] });
  });
});
