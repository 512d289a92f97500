import { beforeAll, describe, expect, it } from "vitest";
import { DeleteObjectCommand, PutBucketLifecycleConfigurationCommand, PutBucketVersioningCommand, PutObjectCommand, type BucketLifecycleConfiguration } from "@aws-sdk/client-s3";
import { DeleteItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { encodeLockInfo, newLockInfo } from "@/lib/gocompat/lockinfo";
import { repairDigest } from "@/lib/backend/repair-digest";
import { restoreVersion } from "@/lib/backend/restore";
import { breakLock } from "@/lib/backend/unlock";
import { listVersions } from "@/lib/backend/versions";
import { findProblems } from "@/lib/domain/problems";
import { EstateSearch } from "@/lib/domain/search";
import { PROBLEM_CODES, suggestedLifecycleRule, type Problem } from "@/lib/problems/rules";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState, lineageFor } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";

const HOUR = 3600_000;
const summary = (ps: Problem[]) => ps.map((p) => `${p.backend}/${p.workspace ?? "-"} ${p.code}`).sort();

describe("problems, each produced by a seeded case and cleared by its fix", () => {
  let good: BackendContext;
  let bare: BackendContext;
  let bucket: string;
  let bareBucket: string;
  let table: string;
  let w: ToolWriter;
  let mismatchDigest: string;
  let stuckLockId: string;
  const run = async (backends: BackendContext[]) => (await findProblems(backends, { search: new EstateSearch() })).problems;

  beforeAll(async () => {
    bucket = uniqueName("prob-a");
    bareBucket = uniqueName("prob-b");
    table = uniqueName("prob-t");
    await Promise.all([createBucket(bucket, { versioning: "Enabled" }), createBucket(bareBucket), createLockTable(table)]);
    good = openBackend(testDefinition("good", testOptions({ bucket, dynamodb_table: table })));
    bare = openBackend(testDefinition("bare", testOptions({ bucket: bareBucket })));
    w = new ToolWriter(good);
    const lin = lineageFor(1);
    await w.apply("default", buildState({ seed: 1, lineage: lin }));
    await w.apply("default", buildState({ seed: 1, lineage: lin, generation: 1 }));
    await w.apply("mism", buildState({ seed: 2 }));
    mismatchDigest = await w.corruptDigest("mism");
    await w.apply("stuck", buildState({ seed: 3 }));
    stuckLockId = (await w.lock("stuck", { now: new Date(Date.now() - 5 * HOUR) })).ID;
    await w.apply("gone", buildState({ seed: 4 }));
    // Deleted outside the tools: the digest item stays behind.
    await rawClients().s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "env:/gone/terraform.tfstate" }));
    await rawClients().ddb.send(
      new PutItemCommand({ TableName: table, Item: { LockID: { S: `${bucket}/env:/never/terraform.tfstate` }, Info: { S: encodeLockInfo(newLockInfo({ operation: "OperationTypeApply", who: "x@y", version: "1.9.0", path: `${bucket}/env:/never/terraform.tfstate` })) } } }),
    );
    await rawClients().s3.send(new PutObjectCommand({ Bucket: bucket, Key: "env:/broken/terraform.tfstate", Body: "{not json" }));
    await w.apply("relin", buildState({ seed: 5, lineage: lineageFor(5) }));
    await w.apply("relin", buildState({ seed: 6, lineage: lineageFor(6) }));
    await w.apply("old", buildState({ seed: 7, terraformVersion: "0.12.31" }));
    await new ToolWriter(bare).putState("default", buildState({ seed: 8 }));
  });

  it("finds every code", async () => {
    const problems = await run([good, bare]);
    expect(summary(problems)).toEqual(
      [
        "bare/- NO_LOCKING",
        "bare/- VERSIONING_OFF",
        "good/- NO_NONCURRENT_LIFECYCLE",
        "good/- ORPHAN_LOCK",
        "good/- TOOL_VERSION_SPREAD",
        "good/broken UNREADABLE_STATE",
        "good/gone DELETED_WORKSPACE",
        "good/mism DIGEST_MISMATCH",
        "good/never ORPHAN_LOCK",
        "good/relin LINEAGE_CHANGED",
        "good/stuck STALE_LOCK",
      ].sort(),
    );
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(PROBLEM_CODES));
    for (const p of problems) {
      expect(p.message.length).toBeGreaterThan(10);
      expect(p.fix.length).toBeGreaterThan(10);
    }
    const byCode = (c: string) => problems.find((p) => p.code === c)!;
    expect(byCode("VERSIONING_OFF").fix).toBe(`aws s3api put-bucket-versioning --bucket ${bareBucket} --versioning-configuration Status=Enabled`);
    expect(byCode("NO_NONCURRENT_LIFECYCLE").message).toMatch(/^\d+ noncurrent state versions \(\d/);
    expect(byCode("TOOL_VERSION_SPREAD").message).toMatch(/0\.12\.x: 1 workspace; 1\.x: /);
    expect(byCode("STALE_LOCK").fix).toContain(stuckLockId);
    expect(byCode("STALE_LOCK").severity).toBe("warning");
    expect(byCode("DIGEST_MISMATCH").severity).toBe("error");
  });

  it("clears each one by its fix", async () => {
    const { ddb, s3 } = rawClients();
    const mism = (await listVersions(good, "mism")).versions[0]!;
    await repairDigest(good, { workspace: "mism", expectedDigest: mismatchDigest, currentEtag: mism.etag });
    await breakLock(good, { workspace: "stuck", lockId: stuckLockId });
    await ddb.send(new DeleteItemCommand({ TableName: table, Key: { LockID: { S: `${bucket}/env:/never/terraform.tfstate` } } }));
    const gone = (await listVersions(good, "gone")).versions.find((v) => !v.isDeleteMarker)!;
    await restoreVersion(good, { workspace: "gone", versionId: gone.versionId, who: "admin@test" });
    await w.apply("broken", buildState({ seed: 9 }));
    await w.apply("relin", buildState({ seed: 6, lineage: lineageFor(6), generation: 1 }));
    await w.apply("old", buildState({ seed: 7, generation: 1 }));
    await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: suggestedLifecycleRule() as BucketLifecycleConfiguration }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: bareBucket, VersioningConfiguration: { Status: "Enabled" } }));
    const locked = openBackend(testDefinition("bare", testOptions({ bucket: bareBucket, use_lockfile: true })));
    expect(summary(await run([good, locked]))).toEqual([]);
  });

  it("a later pass lists the versions of the changed workspace only, not the whole history again", async () => {
    await run([good]);
    const prefixes: (string | undefined)[] = [];
    good.s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "ListObjectVersionsCommand") prefixes.push((args.input as { Prefix?: string }).Prefix);
        return next(args);
      },
      { step: "initialize", name: "countVersionListings" },
    );
    try {
      expect(await run([good])).toEqual(await run([good]));
      expect(prefixes).toEqual([]);
      await w.apply("old", buildState({ seed: 7, generation: 2 }));
      const problems = await run([good]);
      expect(prefixes).toEqual(["env:/old/terraform.tfstate"]);
      expect(summary(problems)).toEqual([]);
    } finally {
      good.s3.middlewareStack.remove("countVersionListings");
    }
  });
});
