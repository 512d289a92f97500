import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { listVersions } from "@/lib/backend/versions";
import { createBucket, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { timelineRequests } from "@/lib/browser-safe/version-list";
import { versionSummaries } from "@/lib/domain/versions/timeline";

function stateJson(serial: number, lineage: string, resources: Record<string, string>): string {
  return JSON.stringify({
    version: 4,
    terraform_version: "1.9.0",
    serial,
    lineage,
    outputs: {},
    resources: Object.entries(resources).map(([name, value]) => ({
      mode: "managed",
      type: "null_resource",
      name,
      provider: 'provider["registry.terraform.io/hashicorp/null"]',
      instances: [{ schema_version: 0, attributes: { id: name, value }, sensitive_attributes: [] }],
    })),
    check_results: null,
  });
}

describe("versionSummaries (moto)", () => {
  const bucket = uniqueName("timeline");
  const options = testOptions({ bucket });
  const ctx = openBackend(testDefinition(uniqueName("tl"), options));
  const { s3 } = rawClients();
  const key = "env:/app/terraform.tfstate";
  const put = (body: string, metadata?: Record<string, string>) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: "application/json", Metadata: metadata })).then((r) => r.VersionId!);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await createBucket(bucket, { versioning: "Enabled" });
    ids.v1 = await put(stateJson(1, "lin-a", { a: "1", b: "1" }));
    ids.v2 = await put(stateJson(2, "lin-a", { a: "2", b: "1", c: "1" }));
    ids.v3 = await put("not json at all");
    ids.v4 = await put(stateJson(7, "lin-b", { a: "2" }), { "statehouse-restored-from": ids.v1, "statehouse-restored-by": "alice@host" });
    ids.d = (await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))).VersionId!;
  });

  it("summarises each version and its changes against the predecessor", async () => {
    const { versions } = await listVersions(ctx, "app");
    expect(versions.map((v) => v.versionId)).toEqual([ids.d, ids.v4, ids.v3, ids.v2, ids.v1]);
    const s = await versionSummaries(ctx, "app", timelineRequests(versions));
    expect(s.map((x) => [x.kind, x.serial, x.resources])).toEqual([
      ["delete-marker", null, null],
      ["state", 7n, 1],
      ["corrupt", null, null],
      ["state", 2n, 3],
      ["state", 1n, 2],
    ]);
    // v2 against v1: c added, a changed.
    expect(s[3]!.changes).toEqual({ predecessorId: ids.v1, added: 1, removed: 0, changed: 1, lineageChanged: false });
    // v4's predecessor is the corrupt v3: no structural comparison possible.
    expect(s[1]!.changes).toBeNull();
    expect(s[1]!.restoredFrom).toBe(ids.v1);
    expect(s[1]!.restoredBy).toBe("alice@host");
    expect(s[4]!.changes).toBeNull();
  });

  it("compares with the named predecessor and reports a lineage change", async () => {
    const [s] = await versionSummaries(ctx, "app", [{ versionId: ids.v4!, isDeleteMarker: false, predecessorId: ids.v2!, size: null }]);
    expect(s!.changes).toEqual({ predecessorId: ids.v2, added: 0, removed: 2, changed: 0, lineageChanged: true });
  });
});

describe("versionSummaries cache (moto)", () => {
  it("answers from the cache once a version was read, since version contents never change", async () => {
    const bucket = uniqueName("timeline-cache");
    const ctx = openBackend(testDefinition(uniqueName("tlc"), testOptions({ bucket })));
    const { s3 } = rawClients();
    await createBucket(bucket, { versioning: "Enabled" });
    const put = (body: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: "terraform.tfstate", Body: body })).then((r) => r.VersionId!);
    const v1 = await put(stateJson(1, "l", { a: "1" }));
    const v2 = await put(stateJson(2, "l", { a: "2" }));
    const req = [{ versionId: v2, isDeleteMarker: false, predecessorId: v1, size: null }];
    const first = await versionSummaries(ctx, "default", req);
    // Remove both versions for good: a second read from S3 would now fail with NOT_FOUND.
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "terraform.tfstate", VersionId: v2 }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "terraform.tfstate", VersionId: v1 }));
    expect(await versionSummaries(ctx, "default", req)).toEqual(first);
  });
});
