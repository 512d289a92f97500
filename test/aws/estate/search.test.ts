import { beforeAll, describe, expect, it } from "vitest";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { restoreVersion } from "@/lib/backend/restore";
import { listVersions } from "@/lib/backend/versions";
import { EstateSearch } from "@/lib/domain/search";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { searchableState } from "@/testkit/search-states";
import { ToolWriter } from "@/testkit/tool-writer";

/** The search fixture of the unit tests, with this workspace's lineage, IP and secret (instance index 0). */
const stateWith = (lineage: string, serial: number, ip: string, secret: string) => searchableState({ lineage, serial, ip, secret, indexKey: 0 });

describe("estate search against the local stack", () => {
  let a: BackendContext;
  let b: BackendContext;
  let wa: ToolWriter;
  const engine = new EstateSearch({ concurrency: 4 });

  beforeAll(async () => {
    const bucketA = uniqueName("search-a");
    const bucketB = uniqueName("search-b");
    const table = uniqueName("search-locks");
    await Promise.all([createBucket(bucketA, { versioning: "Enabled" }), createBucket(bucketB, { versioning: "Enabled" }), createLockTable(table)]);
    a = openBackend(testDefinition("net-a", testOptions({ bucket: bucketA, dynamodb_table: table })));
    b = openBackend(testDefinition("plat-b", testOptions({ bucket: bucketB, use_lockfile: true })));
    wa = new ToolWriter(a);
    const wb = new ToolWriter(b, "tofu");
    await wa.apply("default", stateWith("lin-a0", 1, "10.0.0.1", "s3cr3t-a0"));
    await wa.apply("prod", stateWith("lin-a1", 1, "10.0.0.2", "s3cr3t-a1"));
    await wb.apply("dev", stateWith("lin-b1", 1, "10.1.0.9", "s3cr3t-b1"));
    const s3 = rawClients().s3;
    await s3.send(new PutObjectCommand({ Bucket: bucketB, Key: "env:/broken/terraform.tfstate", Body: '{"version": 4, "serial": ' }));
    await s3.send(new PutObjectCommand({ Bucket: bucketB, Key: "env:/sealed/terraform.tfstate", Body: '{"serial":1,"lineage":"x","meta":{},"encrypted_data":"AAAA","encryption_version":"v0"}' }));
    await s3.send(new PutObjectCommand({ Bucket: bucketB, Key: "env:/future/terraform.tfstate", Body: '{"version": 9}' }));
  });

  it("reads every current state once on the first build, lists unreadable ones with the reason", async () => {
    const report = await engine.refresh([a, b]);
    expect(report.reads).toBe(6);
    const r = engine.search("10.0.0");
    expect(r.results.map((h) => `${h.backend}/${h.workspace}/${h.address}`)).toEqual([
      "net-a/default/module.app.aws_instance.web[0]",
      "net-a/default/output.web_ip",
      "net-a/prod/module.app.aws_instance.web[0]",
      "net-a/prod/output.web_ip",
    ]);
    expect(r.results[0]!.matches).toEqual([{ path: "private_ip", value: "10.0.0.1" }]);
    expect(r.complete).toBe(false);
    expect(r.unreadable.map((u) => [u.workspace, u.reason])).toEqual([
      ["broken", expect.stringMatching(/Not valid JSON/)],
      ["future", expect.stringMatching(/format version 9/)],
      ["sealed", expect.stringMatching(/encrypted/)],
    ]);
    expect(r.freshAt).not.toBeNull();
    expect(engine.progress()).toEqual({ indexed: 6, total: 6, building: false });
  });

  it("never matches a sensitive attribute or output value", async () => {
    for (const guess of ["s3cr3t-a0", "s3cr3t", "attr:user_data=s3cr3t-a0", "attr:*=s3cr3t*"]) expect(engine.search(guess).total).toBe(0);
  });

  it("reads only the changed state on a refresh, and finds it under its new content", async () => {
    await wa.apply("prod", stateWith("lin-a1", 2, "172.16.5.5", "s3cr3t-a1"));
    const report = await engine.refresh([a, b]);
    expect(report.reads).toBe(1);
    expect(engine.search("172.16.5.5").results.map((h) => `${h.workspace}/${h.address}`)).toEqual(["prod/module.app.aws_instance.web[0]", "prod/output.web_ip"]);
    expect(engine.search("10.0.0.2").total).toBe(0);
    expect((await engine.refresh([a, b])).reads).toBe(0);
  });

  it("finds a restored state under its restored content", async () => {
    const { versions } = await listVersions(a, "prod");
    const first = versions[versions.length - 1]!;
    await restoreVersion(a, { workspace: "prod", versionId: first.versionId, who: "admin@test" });
    expect((await engine.refresh([a, b])).reads).toBe(1);
    expect(engine.search("10.0.0.2 workspace:prod").total).toBe(2);
    expect(engine.search("172.16.5.5").total).toBe(0);
  });

  it("drops a backend no longer configured and keeps qualifiers working across backends", async () => {
    expect(engine.search("backend:plat-* 10.1.0.9").total).toBe(2);
    await engine.refresh([a]);
    expect(engine.search("10.1.0.9").total).toBe(0);
    expect(engine.search("x").unreadable).toEqual([]);
  });
});
