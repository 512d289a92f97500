/**
 * The cached version history of the pages (lib/domain/versions/list-cache.ts) against the local S3:
 * after every kind of change a history can undergo, the cached answer equals a full listing, and a
 * load where nothing changed lists nothing (two HeadObjects), counted by the SDK metrics middleware.
 */
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { stateKey } from "@/lib/backend/keys";
import { listVersions } from "@/lib/backend/versions";
import { listVersionsCached, NEWEST_PAGE } from "@/lib/domain/versions/list-cache";
import { metrics } from "@/lib/observability/metrics";
import { createBucket, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";

const calls = async (operation: string) =>
  (await metrics().awsCalls.get()).values.filter((v) => v.labels.service === "s3" && v.labels.operation === operation).reduce((n, v) => n + v.value, 0);

describe("listVersionsCached (moto)", () => {
  const bucket = uniqueName("vlist");
  const ctx = openBackend(testDefinition(uniqueName("vlist"), testOptions({ bucket })));
  const { s3 } = rawClients();
  const workspace = "app";
  const key = stateKey(ctx.def.options, workspace);
  let serial = 0;
  const put = () => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `{"version":4,"serial":${++serial},"lineage":"l","outputs":{},"resources":[]}\n` })).then((r) => r.VersionId!);
  const full = async () => (await listVersions(ctx, workspace)).versions;
  const cached = async () => (await listVersionsCached(ctx, workspace)).versions;

  beforeAll(async () => {
    await createBucket(bucket, { versioning: "Enabled" });
    for (let i = 0; i < 12; i++) await put();
    // Another key under the same prefix (a lock file) must never be taken for a version.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${key}.tflock`, Body: "{}" }));
  });

  it("answers a full listing first, then validates without listing when nothing changed", async () => {
    expect(await cached()).toEqual(await full());
    const lists = await calls("ListObjectVersions");
    const heads = await calls("HeadObject");
    const again = await cached();
    expect(again).toEqual(await full());
    // The full() above lists; the cached load itself made no listing, only the two HeadObjects.
    expect((await calls("ListObjectVersions")) - lists).toBe(1);
    expect((await calls("HeadObject")) - heads).toBe(2);
  });

  it("shows a new version on the next load, from one short page spliced onto the cached tail", async () => {
    await cached();
    const id = await put();
    const lists = await calls("ListObjectVersions");
    const got = await cached();
    expect((await calls("ListObjectVersions")) - lists).toBe(1);
    expect(got[0]).toMatchObject({ versionId: id, isLatest: true });
    expect(got.filter((v) => v.isLatest)).toHaveLength(1);
    expect(got).toEqual(await full());
  });

  it("drops a version expired from the oldest end (as a lifecycle rule does) on the next load", async () => {
    const before = await cached();
    const oldest = before.at(-1)!.versionId;
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: oldest }));
    const got = await cached();
    expect(got.map((v) => v.versionId)).not.toContain(oldest);
    expect(got).toHaveLength(before.length - 1);
    expect(got).toEqual(await full());
  });

  it("follows a deleted current version, a delete marker and its removal", async () => {
    const before = await cached();
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: before[0]!.versionId }));
    let got = await cached();
    expect(got.map((v) => v.versionId)).not.toContain(before[0]!.versionId);
    expect(got[0]).toMatchObject({ versionId: before[1]!.versionId, isLatest: true });
    expect(got).toEqual(await full());

    const marker = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    got = await cached();
    expect(got[0]).toMatchObject({ isDeleteMarker: true, isLatest: true });
    expect(got).toEqual(await full());

    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: marker.VersionId }));
    got = await cached();
    expect(got[0]).toMatchObject({ isDeleteMarker: false, isLatest: true });
    expect(got).toEqual(await full());
  });

  it("lists everything again when more versions were written than one page holds", async () => {
    await cached();
    const ids: string[] = [];
    for (let i = 0; i < NEWEST_PAGE + 5; i++) ids.push(await put());
    const got = await cached();
    expect(got.slice(0, ids.length).map((v) => v.versionId)).toEqual(ids.reverse());
    expect(got).toEqual(await full());
  });

  it("answers an empty history for a workspace that never had a state, and sees its first version", async () => {
    const ws = "fresh";
    expect((await listVersionsCached(ctx, ws)).versions).toEqual([]);
    expect((await listVersionsCached(ctx, ws)).versions).toEqual([]);
    const r = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: stateKey(ctx.def.options, ws), Body: "{}" }));
    expect((await listVersionsCached(ctx, ws)).versions.map((v) => v.versionId)).toEqual([r.VersionId]);
  });
});
