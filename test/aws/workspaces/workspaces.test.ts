import { beforeAll, describe, expect, it } from "vitest";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { openBackend } from "@/lib/backend/context";
import { listWorkspaces } from "@/lib/backend/workspaces";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { mapLimit } from "@/lib/util/map-limit";
import type { S3BackendOptions } from "@/lib/config/types";

const put = (bucket: string, key: string, body = '{"version":4}\n') => rawClients().s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
const names = async (o: S3BackendOptions) => (await listWorkspaces(openBackend(testDefinition(uniqueName("b"), o)))).workspaces.map((w) => w.name);

describe("listWorkspaces", () => {
  let bucket: string;
  beforeAll(async () => {
    bucket = uniqueName("ws");
    await createBucket(bucket);
    for (const k of [
      "terraform.tfstate",
      "env:/prod/terraform.tfstate",
      "env:/staging/terraform.tfstate",
      "env:/staging/terraform.tfstate.tflock",
      "env:/Zeta/terraform.tfstate",
      "env:/b/other.tfstate",
      "env:/deep/er/terraform.tfstate",
      "env:/notes.txt",
      "env://terraform.tfstate",
      "custom/alpha/terraform.tfstate",
      "alpha/terraform.tfstate",
      "beta/terraform.tfstate.tflock",
    ])
      await put(bucket, k);
  });

  it("applies the listing rule with the default prefix: default first, then bytewise", async () => {
    expect(await names(testOptions({ bucket }))).toEqual(["default", "Zeta", "prod", "staging"]);
  });

  it("honours a custom prefix", async () => {
    expect(await names(testOptions({ bucket, workspace_key_prefix: "custom" }))).toEqual(["default", "alpha"]);
  });

  it("honours an empty prefix (whole bucket, W/key)", async () => {
    expect(await names(testOptions({ bucket, workspace_key_prefix: "" }))).toEqual(["default", "alpha"]);
  });

  it("matches keys containing slashes exactly", async () => {
    await put(bucket, "env:/slash/team/a/terraform.tfstate");
    expect(await names(testOptions({ bucket, key: "team/a/terraform.tfstate" }))).toEqual(["default", "slash"]);
  });

  it("never matches named workspaces when the key contains //", async () => {
    // The tools write named states at the cleaned path.Join key, which can never equal "a//b.tfstate".
    await put(bucket, "env:/dbl/a/b.tfstate");
    expect(await names(testOptions({ bucket, key: "a//b.tfstate" }))).toEqual(["default"]);
  });

  it("reports existence, size and the default without an object", async () => {
    const { workspaces } = await listWorkspaces(openBackend(testDefinition("x", testOptions({ bucket, key: "none.tfstate" }))));
    expect(workspaces).toHaveLength(1);
    expect(workspaces[0]).toMatchObject({ name: "default", exists: false, deleted: false, size: null });
    const all = (await listWorkspaces(openBackend(testDefinition("y", testOptions({ bucket }))))).workspaces;
    expect(all[0]).toMatchObject({ name: "default", exists: true, size: 14, key: "terraform.tfstate" });
    expect(all.find((w) => w.name === "prod")).toMatchObject({ exists: true, key: "env:/prod/terraform.tfstate" });
  });
});

describe("listWorkspaces at scale and with history", () => {
  it("pages through 1,000+ keys", async () => {
    const bucket = uniqueName("ws-many");
    await createBucket(bucket);
    const wanted = Array.from({ length: 1105 }, (_, i) => `w${String(i).padStart(4, "0")}`);
    await mapLimit(wanted, 32, (w) => put(bucket, `env:/${w}/terraform.tfstate`));
    const got = await names(testOptions({ bucket }));
    expect(got).toEqual(["default", ...wanted]);
  });

  it("finds deleted workspaces (latest version is a delete marker) when versioning is on", async () => {
    const bucket = uniqueName("ws-del");
    await createBucket(bucket, { versioning: "Enabled" });
    await put(bucket, "env:/gone/terraform.tfstate");
    await put(bucket, "env:/kept/terraform.tfstate");
    await put(bucket, "terraform.tfstate");
    await rawClients().s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "env:/gone/terraform.tfstate" }));
    await rawClients().s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "terraform.tfstate" }));
    const { workspaces } = await listWorkspaces(openBackend(testDefinition("d", testOptions({ bucket }))));
    expect(workspaces.map((w) => [w.name, w.exists, w.deleted])).toEqual([
      ["default", false, true],
      ["gone", false, true],
      ["kept", true, false],
    ]);
    const plain = await listWorkspaces(openBackend(testDefinition("d", testOptions({ bucket }))), { includeDeleted: false });
    expect(plain.workspaces.map((w) => w.name)).toEqual(["default", "kept"]);
  });

  it("reads both lock kinds for every workspace", async () => {
    const bucket = uniqueName("ws-locks");
    const table = uniqueName("locks");
    await createBucket(bucket);
    await createLockTable(table);
    await put(bucket, "terraform.tfstate");
    await put(bucket, "env:/a/terraform.tfstate");
    await put(bucket, "env:/b/terraform.tfstate");
    const s3Info = '{"ID":"11111111-2222-3333-4444-555555555555","Operation":"OperationTypeApply","Info":"","Who":"ci@runner","Version":"1.10.3","Created":"2026-06-11T21:45:42.296Z","Path":"x"}';
    await put(bucket, "env:/a/terraform.tfstate.tflock", s3Info);
    await put(bucket, "terraform.tfstate.tflock", "not json");
    const ddbInfo = s3Info.replace("ci@runner", "alice@laptop").replace("1111", "9999");
    await rawClients().ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: `${bucket}/env:/a/terraform.tfstate` }, Info: { S: ddbInfo } } }));
    const { workspaces, warnings } = await listWorkspaces(openBackend(testDefinition("l", testOptions({ bucket, dynamodb_table: table }))));
    expect(warnings).toEqual([]);
    const byName = Object.fromEntries(workspaces.map((w) => [w.name, w]));
    expect(byName.default?.locked).toBe(true);
    expect(byName.default?.lockHolders[0]).toMatchObject({ kind: "s3", who: "(unreadable lock info)" });
    expect(byName.a?.lockHolders.map((h) => [h.kind, h.who]).sort()).toEqual([
      ["dynamodb", "alice@laptop"],
      ["s3", "ci@runner"],
    ]);
    expect(byName.b?.locked).toBe(false);
  });

  it("throws BucketMissingError for a missing bucket", async () => {
    await expect(listWorkspaces(openBackend(testDefinition("m", testOptions({ bucket: uniqueName("missing") }))))).rejects.toMatchObject({ code: "BUCKET_MISSING" });
  });
});
