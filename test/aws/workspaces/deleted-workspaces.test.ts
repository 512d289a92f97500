import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { listWorkspaces } from "@/lib/backend/workspaces";
import type { S3BackendOptions } from "@/lib/config/types";
import { createBucket, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";

const put = (bucket: string, key: string) => rawClients().s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '{"version":4}\n' }));
const del = (bucket: string, key: string) => rawClients().s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));

async function versionedBucket(keys: string[], deleted: string[]): Promise<string> {
  const bucket = uniqueName("del-ws");
  await createBucket(bucket, { versioning: "Enabled" });
  for (const k of keys) await put(bucket, k);
  for (const k of deleted) await del(bucket, k);
  return bucket;
}

const rows = async (o: S3BackendOptions) => (await listWorkspaces(openBackend(testDefinition(uniqueName("d"), o)))).workspaces.map((w) => [w.name, w.exists, w.deleted]);

/** Counts the S3 commands a context sends (an SDK middleware: the requests themselves still go to moto). */
function countCommands(ctx: BackendContext): Map<string, number> {
  const counts = new Map<string, number>();
  ctx.s3.middlewareStack.add(
    (next, context) => (args) => {
      counts.set(context.commandName ?? "?", (counts.get(context.commandName ?? "?") ?? 0) + 1);
      return next(args);
    },
    { step: "initialize" },
  );
  return counts;
}

describe("deleted-workspace discovery", () => {
  it("finds deleted workspaces under a custom prefix; a folder of other objects, even deleted ones, is no workspace", async () => {
    const bucket = await versionedBucket(
      ["teams/gone/app.tfstate", "teams/kept/app.tfstate", "teams/notes/plan.out", "teams/old/other.tfstate", "teams/default/app.tfstate", "teams/loose.tfstate", "app.tfstate"],
      ["teams/gone/app.tfstate", "teams/old/other.tfstate", "teams/default/app.tfstate", "teams/loose.tfstate"],
    );
    expect(await rows(testOptions({ bucket, key: "app.tfstate", workspace_key_prefix: "teams" }))).toEqual([
      ["default", true, false],
      ["gone", false, true],
      ["kept", true, false],
    ]);
  });

  it("lists from the bucket root when the prefix is empty, with keys that contain '/'", async () => {
    const bucket = await versionedBucket(
      ["team/a/terraform.tfstate", "x/team/a/terraform.tfstate", "y/team/a/terraform.tfstate", "z/team/terraform.tfstate", "z/team/a/terraform.tfstate.tflock"],
      ["team/a/terraform.tfstate", "x/team/a/terraform.tfstate", "z/team/terraform.tfstate"],
    );
    expect(await rows(testOptions({ bucket, key: "team/a/terraform.tfstate", workspace_key_prefix: "" }))).toEqual([
      ["default", false, true],
      ["x", false, true],
      ["y", true, false],
    ]);
  });

  it("classifies a workspace with thousands of versions in O(1) requests", { timeout: 240_000 }, async () => {
    const bucket = await versionedBucket(["terraform.tfstate", "env:/live/terraform.tfstate"], []);
    // Sequential: moto loses versions when one key is written concurrently.
    for (let i = 0; i < 2_050; i++) await put(bucket, "env:/busy/terraform.tfstate");
    await del(bucket, "env:/busy/terraform.tfstate");
    const ctx = openBackend(testDefinition(uniqueName("o1"), testOptions({ bucket })));
    const counts = countCommands(ctx);
    const { workspaces } = await listWorkspaces(ctx);
    expect(workspaces.map((w) => [w.name, w.deleted])).toEqual([
      ["default", false],
      ["busy", true],
      ["live", false],
    ]);
    // One delimited page of folders, one check of the one folder without a live state; 2,051 versions
    // listed page by page would take three.
    expect(counts.get("ListObjectVersionsCommand")).toBe(2);
    // The named workspaces' listing, and the default key's (outside the env:/ prefix).
    expect(counts.get("ListObjectsV2Command")).toBe(2);
  });
});
