import { beforeAll, describe, expect, it } from "vitest";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { getVersioning, listVersions, readStateObject } from "@/lib/backend/versions";
import { createBucket, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { buildState } from "@/testkit/states";

const s3 = () => rawClients().s3;

async function backend(versioning?: "Enabled" | "Suspended", partial: Parameters<typeof testOptions>[0] | null = null): Promise<BackendContext> {
  const bucket = uniqueName("ver");
  await createBucket(bucket, versioning ? { versioning } : {});
  return openBackend(testDefinition(bucket, testOptions(partial ? { ...partial, bucket } : { bucket })));
}

describe("listVersions", () => {
  it("lists 1,000+ versions of exactly the state key, newest first, ignoring .tflock/.backup and longer keys", async () => {
    const ctx = await backend("Enabled");
    const { bucket } = ctx.def.options;
    const key = "env:/big/terraform.tfstate";
    const n = 1030;
    // Sequential: moto loses versions when one key is written concurrently.
    for (let i = 0; i < n; i++) await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `{"serial":${i}}` }));
    for (const other of [`${key}.tflock`, `${key}.backup`, `${key}x`]) {
      for (let i = 0; i < 3; i++) await s3().send(new PutObjectCommand({ Bucket: bucket, Key: other, Body: "x" }));
    }
    const last = await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{"serial":"last"}' }));
    const { versioning, versions } = await listVersions(ctx, "big");
    expect(versioning).toBe("Enabled");
    expect(versions).toHaveLength(n + 1);
    expect(new Set(versions.map((v) => v.versionId)).size).toBe(n + 1);
    expect(versions[0]).toMatchObject({ versionId: last.VersionId, isLatest: true, isDeleteMarker: false, size: 17 });
    expect(versions.filter((v) => v.isLatest)).toHaveLength(1);
    for (let i = 1; i < versions.length; i++) expect(versions[i - 1]!.lastModified >= versions[i]!.lastModified).toBe(true);
  });

  it("includes delete markers and reads any prior version", async () => {
    const ctx = await backend("Enabled");
    const w = new ToolWriter(ctx, "terraform");
    const v1 = await w.apply("default", buildState({ seed: 1, generation: 0 }));
    const v2 = await w.apply("default", buildState({ seed: 1, generation: 1 }));
    await s3().send(new DeleteObjectCommand({ Bucket: ctx.def.options.bucket, Key: ctx.def.options.key }));
    const { versions } = await listVersions(ctx, "default");
    expect(versions.map((v) => [v.isDeleteMarker, v.isLatest])).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
    expect(versions.slice(1).map((v) => v.versionId).sort()).toEqual([v1.versionId, v2.versionId].sort());
    const old = await readStateObject(ctx, "default", v1.versionId);
    expect(Buffer.from(old.bytes).equals(Buffer.from(v1.bytes))).toBe(true);
    expect(old).toMatchObject({ versionId: v1.versionId, size: v1.bytes.length, etag: v1.etag });
    await expect(readStateObject(ctx, "default")).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("delete marker") });
    await expect(readStateObject(ctx, "default", versions[0]!.versionId)).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("delete marker") });
  });

  it("reports versioning off with the single current object (version null)", async () => {
    const ctx = await backend();
    await new ToolWriter(ctx, "tofu").apply("dev", buildState({ seed: 2 }));
    const { versioning, versions } = await listVersions(ctx, "dev");
    expect(versioning).toBe("Disabled");
    expect(versions).toEqual([expect.objectContaining({ versionId: "null", isLatest: true, isDeleteMarker: false })]);
    const obj = await readStateObject(ctx, "dev", "null");
    expect(new TextDecoder().decode(obj.bytes)).toMatch(/^\{"version":4,"terraform_version":/);
  });

  it("reports suspended versioning", async () => {
    const ctx = await backend("Suspended");
    expect(await getVersioning(ctx)).toBe("Suspended");
  });
});

describe("readStateObject", () => {
  let ctx: BackendContext;
  beforeAll(async () => {
    ctx = await backend("Enabled");
    await new ToolWriter(ctx, "terraform").apply("default", buildState({ seed: 3 }), { who: "x@y" });
  });

  it("returns bytes exactly as written, with metadata", async () => {
    const obj = await readStateObject(ctx, "default");
    const text = new TextDecoder().decode(obj.bytes);
    expect(text.startsWith('{\n  "version": 4,\n  "terraform_version": "1.10.3",\n')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain("\\u003cinternal\\u003e \\u0026 health");
    expect(obj.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(obj.versionId).not.toBe("null");
  });

  it("refuses objects over the size cap before downloading", async () => {
    await expect(readStateObject(ctx, "default", undefined, { maxBytes: 100 })).rejects.toMatchObject({ code: "TOO_LARGE" });
  });

  it("gives NotFoundError for a missing workspace or version, BucketMissingError for a missing bucket", async () => {
    await expect(readStateObject(ctx, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readStateObject(ctx, "default", "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY")).rejects.toMatchObject({ code: expect.stringMatching(/NOT_FOUND|INVALID_INPUT|UPSTREAM/) });
    const missing = openBackend(testDefinition("m", testOptions({ bucket: uniqueName("missing") })));
    await expect(readStateObject(missing, "default")).rejects.toMatchObject({ code: expect.stringMatching(/BUCKET_MISSING|NOT_FOUND/) });
    await expect(listVersions(missing, "default")).rejects.toMatchObject({ code: "BUCKET_MISSING" });
  });
});
