import { beforeAll, describe, expect, it } from "vitest";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { encodeLockInfo, newLockInfo } from "@/lib/gocompat/lockinfo";
import { operationWords } from "@/lib/browser-safe/lock-words";
import { readEstateLocks } from "@/lib/domain/estate-locks";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState } from "@/testkit/states";
import { ToolWriter } from "@/testkit/tool-writer";

const HOUR = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

describe("estate-wide locks", () => {
  let a: BackendContext;
  let teams: BackendContext;
  let bucket: string;
  let table: string;

  beforeAll(async () => {
    bucket = uniqueName("locks-a");
    table = uniqueName("locks-t");
    await Promise.all([createBucket(bucket, { versioning: "Enabled" }), createLockTable(table)]);
    a = openBackend({ ...testDefinition("net", testOptions({ bucket, dynamodb_table: table })), staleLockAfterSeconds: 2 * 3600 });
    teams = openBackend(testDefinition("teams", testOptions({ bucket, key: "data.tfstate", workspace_key_prefix: "teams", dynamodb_table: table, use_lockfile: true })));
    const w = new ToolWriter(a);
    const t = new ToolWriter(teams, "tofu");
    for (const ws of ["default", "prod", "dev", "staging"]) await w.putState(ws, buildState({ seed: ws.length }));
    await t.putState("data", buildState({ seed: 9 }));
    await w.lock("prod", { who: "ci@runner-1", operation: "OperationTypeApply", now: ago(3 * HOUR) }, { s3: true, dynamodb: true });
    await w.lock("dev", { who: "alice@laptop", operation: "OperationTypePlan", now: ago(90 * 60_000) });
    await t.lock("data", { who: "bob@laptop", operation: "state-mv", now: ago(10 * 60_000) });
    const { ddb, s3 } = rawClients();
    const item = (key: string, created: Date) =>
      ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: `${bucket}/${key}` }, Info: { S: encodeLockInfo(newLockInfo({ operation: "OperationTypeApply", who: "old@ci", version: "1.5.7", path: `${bucket}/${key}`, now: created })) } } }));
    await item("env:/gone/terraform.tfstate", ago(30 * 24 * HOUR));
    await item("elsewhere/x.tfstate", ago(5 * HOUR));
    // Another bucket's lock in the same table is not this estate's business.
    await ddb.send(new PutItemCommand({ TableName: table, Item: { LockID: { S: `other-bucket/env:/x/terraform.tfstate` }, Info: { S: "{}" } } }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "env:/ghost/terraform.tfstate.tflock", Body: encodeLockInfo(newLockInfo({ operation: "OperationTypeApply", who: "ghost@ci", version: "1.10.3", path: `${bucket}/env:/ghost/terraform.tfstate`, now: ago(2 * 24 * HOUR) })) }));
  });

  it("lists every lock of both kinds, oldest first, with orphans and the stale threshold of each backend", async () => {
    const r = await readEstateLocks([a, teams]);
    expect(r.warnings).toEqual([]);
    const rows = r.locks.map((l) => [l.backend, l.workspace, l.kind, l.operationWords, l.who, l.orphan, l.stale]);
    expect(rows).toEqual([
      ["net", "gone", "dynamodb", "apply", "old@ci", true, true],
      ["net", "ghost", "s3", "apply", "ghost@ci", true, true],
      ["net", null, "dynamodb", "apply", "old@ci", true, true],
      ["net", "prod", "dynamodb", "apply", "ci@runner-1", false, true],
      ["net", "prod", "s3", "apply", "ci@runner-1", false, true],
      ["net", "dev", "dynamodb", "plan", "alice@laptop", false, false],
      ["teams", "data", "dynamodb", "state mv", "bob@laptop", false, false],
      ["teams", "data", "s3", "state mv", "bob@laptop", false, false],
    ]);
    const outside = r.locks.find((l) => l.workspace === null)!;
    expect(outside.orphanReason).toMatch(/outside/);
    expect(outside.path).toBe(`${bucket}/elsewhere/x.tfstate`);
    expect(r.locks.find((l) => l.workspace === "ghost")!.orphanReason).toMatch(/\.tflock object without a state/);
    expect(r.locks.find((l) => l.workspace === "data")!.staleAfterSeconds).toBe(3600);
    // Digest items of existing states are not orphans.
    expect(r.orphanDigests).toEqual([]);
  });

  it("sees a lock released by the tool disappear and a new one appear", async () => {
    const w = new ToolWriter(a);
    const info = await w.lock("staging", { who: "carol@ci" });
    expect((await readEstateLocks([a])).locks.some((l) => l.who === "carol@ci" && !l.stale && !l.orphan)).toBe(true);
    await w.unlock("staging", info);
    expect((await readEstateLocks([a])).locks.some((l) => l.who === "carol@ci")).toBe(false);
  });

  it("puts operations in words", () => {
    expect(["OperationTypeApply", "OperationTypePlan", "OperationTypeRefresh", "state-mv", "init", ""].map(operationWords)).toEqual(["apply", "plan", "refresh", "state mv", "init", "unknown"]);
  });
});
