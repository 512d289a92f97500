import { stringifyWithBigInt } from "@/lib/util/json-bigint";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import type { StateVersion } from "@/lib/backend/types";
import { lineDiff } from "@/lib/state/text-diff";
import { createBucket, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { resolveDiffPair, sideBySide, structuralDiff, textDiff } from "@/lib/domain/diff";

const v = (id: string, isDeleteMarker = false): StateVersion => ({ versionId: id, isLatest: false, isDeleteMarker, size: 1, lastModified: "2026-01-01T00:00:00Z", etag: null });

describe("resolveDiffPair", () => {
  const versions = [v("d", true), v("c"), v("b"), v("a")];
  it("defaults to previous → newest version with content", () => {
    const p = resolveDiffPair(versions);
    expect([p.from.versionId, p.to.versionId]).toEqual(["b", "c"]);
  });
  it("takes the version before `to` when only `to` is given", () => {
    const p = resolveDiffPair(versions, undefined, "b");
    expect([p.from.versionId, p.to.versionId]).toEqual(["a", "b"]);
  });
  it("refuses unknown ids, delete markers and a lone version with typed errors", () => {
    expect(() => resolveDiffPair(versions, "zzz", "c")).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => resolveDiffPair(versions, "d", "c")).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() => resolveDiffPair(versions, undefined, "a")).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => resolveDiffPair([])).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });
});

describe("sideBySide", () => {
  it("pairs removed with added lines and keeps line numbers of both sides", () => {
    const a = "one\ntwo\nthree\nfour\n";
    const b = "one\nTWO\nthree\nfour\nfive\n";
    const rows = sideBySide(lineDiff(a, b, 1)).rows;
    const lines = rows.filter((r) => r.kind === "line");
    expect(lines.map((r) => [r.left?.n ?? null, r.left?.text ?? null, r.right?.n ?? null, r.right?.text ?? null])).toEqual([
      [1, "one", 1, "one"],
      [2, "two", 2, "TWO"],
      [3, "three", 3, "three"],
      [4, "four", 4, "four"],
      [null, null, 5, "five"],
    ]);
    expect(sideBySide(lineDiff(a, b, 1)).changedLines).toBe(3);
  });
  it("truncates past the row limit and says so", () => {
    const a = Array.from({ length: 100 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 100 }, (_, i) => `b${i}`).join("\n");
    const d = sideBySide(lineDiff(a, b), 10);
    expect(d.rows).toHaveLength(10);
    expect(d.truncated).toBe(true);
  });
});

function state(serial: number, password: string, extra: boolean): string {
  const instance = (name: string, value: string) => ({
    mode: "managed",
    type: "aws_db_instance",
    name,
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [{ schema_version: 0, attributes: { id: name, password, size: value }, sensitive_attributes: [[{ type: "get_attr", value: "password" }]] }],
  });
  return JSON.stringify(
    {
      version: 4,
      terraform_version: "1.9.0",
      serial,
      lineage: "lin",
      outputs: { db_password: { value: password, type: "string", sensitive: true } },
      resources: extra ? [instance("main", "big"), instance("replica", "small")] : [instance("main", "small")],
      check_results: null,
    },
    null,
    2,
  );
}

describe("structuralDiff and textDiff (moto)", () => {
  it("compare two versions without ever carrying a sensitive value", async () => {
    const bucket = uniqueName("diffsvc");
    const ctx = openBackend(testDefinition(uniqueName("df"), testOptions({ bucket })));
    await createBucket(bucket, { versioning: "Enabled" });
    const { s3 } = rawClients();
    const put = (body: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: "terraform.tfstate", Body: body })).then((r) => r.VersionId!);
    const a = await put(state(1, "hunter2-old", false));
    const b = await put(state(2, "hunter2-new", true));

    const s = await structuralDiff(ctx, "default", a, b);
    expect(s.header?.counts).toMatchObject({ added: 1, changed: 1, removed: 0 });
    expect(s.rows.map((r) => [r.kind, r.key])).toEqual([
      ["changed", "aws_db_instance.main"],
      ["added", "aws_db_instance.replica"],
    ]);
    // The pair is immutable: the same answer object is reused, with no diff computed again.
    expect(await structuralDiff(ctx, "default", a, b)).toBe(s);
    expect(await structuralDiff(ctx, "default", b, a)).not.toBe(s);
    const t = await textDiff(ctx, "default", a, b);
    expect(t.changedLines).toBeGreaterThan(0);
    expect(t.rows.some((r) => r.kind === "line" && r.right?.text.includes('"serial": 2'))).toBe(true);
    for (const payload of [stringifyWithBigInt(s), stringifyWithBigInt(t)]) {
      expect(payload).not.toContain("hunter2");
    }
  });
});
