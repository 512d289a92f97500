import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { estateDependencies } from "@/lib/domain/dependencies";
import { createBucket, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { cli } from "../cli/harness";

type Source = { name: string; config: Record<string, string>; workspace?: string };
function stateReading(sources: Source[], serial = 1) {
  return {
    version: 4,
    terraform_version: "1.11.0",
    serial,
    lineage: "aaaaaaaa-0000-0000-0000-000000000000",
    outputs: { id: { value: "x", type: "string" } },
    resources: sources.map((s) => ({
      mode: "data",
      type: "terraform_remote_state",
      name: s.name,
      provider: 'provider["terraform.io/builtin/terraform"]',
      instances: [{ schema_version: 0, attributes: { backend: "s3", config: { value: s.config, type: ["object", {}] }, defaults: null, outputs: { value: {}, type: ["object", {}] }, workspace: s.workspace ?? null }, sensitive_attributes: [] }],
    })),
  };
}

describe("consumers of a workspace", () => {
  let config: string;
  let ba: string;
  let bb: string;

  beforeAll(async () => {
    [ba, bb] = [uniqueName("dep-a"), uniqueName("dep-b")];
    await Promise.all([createBucket(ba, { versioning: "Enabled" }), createBucket(bb, { versioning: "Enabled" })]);
    const oa = testOptions({ bucket: ba, key: "net/terraform.tfstate" });
    const ob = testOptions({ bucket: bb, key: "app.tfstate", workspace_key_prefix: "" });
    const wa = new ToolWriter(openBackend(testDefinition("alpha", oa)));
    const wb = new ToolWriter(openBackend(testDefinition("beta", ob)), "tofu");
    const netDefault = { bucket: ba, key: "net/terraform.tfstate", region: "us-east-1" };
    // alpha/default ⇄ beta/web is a cycle (beta has an empty workspace_key_prefix); alpha/prod reads the default workspace and a deleted one;
    // alpha/staging names the prefix explicitly; alpha/default also reads a bucket outside the estate.
    await wa.putState("default", stateReading([{ name: "web", config: { bucket: bb, key: "app.tfstate", workspace_key_prefix: "" }, workspace: "web" }, { name: "outside", config: { bucket: "not-ours", key: "x.tfstate" } }]));
    await wa.putState("prod", stateReading([{ name: "net", config: netDefault }, { name: "gone", config: netDefault, workspace: "deleted" }]));
    await wa.putState("deleted", stateReading([]));
    await rawClients().s3.send(new DeleteObjectCommand({ Bucket: ba, Key: "env:/deleted/net/terraform.tfstate" }));
    await wa.putState("staging", stateReading([{ name: "prod", config: { ...netDefault, workspace_key_prefix: "env:" }, workspace: "prod" }]));
    await wb.putState("web", stateReading([{ name: "net", config: netDefault }]));
    const dir = mkdtempSync(path.join(tmpdir(), "statehouse-deps-"));
    config = path.join(dir, "statehouse.config.json");
    writeFileSync(config, JSON.stringify({ backends: [{ name: "alpha", options: oa }, { name: "beta", options: ob }] }));
  }, 60_000);

  it("finds edges through every config form, a cycle, a dangling reference and an external source", async () => {
    const cfg = JSON.parse(readFileSync(config, "utf8")) as { backends: { name: string; options: Parameters<typeof testDefinition>[1] }[] };
    const graph = await estateDependencies(cfg.backends.map((b) => openBackend(testDefinition(b.name, b.options))));
    const text = graph.edges.map((e) => `${e.producer.backend}/${e.producer.workspace} -> ${e.consumer.backend}/${e.consumer.workspace} ${e.address}${e.dangling ? " dangling" : ""}${e.inCycle ? " cycle" : ""}`);
    expect(text).toEqual([
      "beta/web -> alpha/default data.terraform_remote_state.web cycle",
      "alpha/deleted -> alpha/prod data.terraform_remote_state.gone dangling",
      "alpha/default -> alpha/prod data.terraform_remote_state.net",
      "alpha/prod -> alpha/staging data.terraform_remote_state.prod",
      "alpha/default -> beta/web data.terraform_remote_state.net cycle",
    ]);
    expect(graph.external.map((x) => `${x.backend}/${x.workspace} ${x.address} ${x.target.bucket}`)).toEqual(["alpha/default data.terraform_remote_state.outside not-ours"]);
  });

  it("statehouse consumers --json prints the issue's shape, consumers from every backend", async () => {
    const r = await cli(["consumers", "--config", config, "--backend", "alpha", "-w", "default", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["consumers", "external"]);
    expect(out.consumers).toEqual([
      { backend: "alpha", workspace: "prod", address: "data.terraform_remote_state.net" },
      { backend: "beta", workspace: "web", address: "data.terraform_remote_state.net" },
    ]);
    expect(out.external).toEqual([{ address: "data.terraform_remote_state.outside", backend: "s3", bucket: "not-ours", key: "x.tfstate", workspace: "default" }]);
  });

  it("a backend that cannot be listed (its bucket is gone) leaves the rest of the graph, named as unlisted", async () => {
    const cfg = JSON.parse(readFileSync(config, "utf8")) as { backends: { name: string; options: Parameters<typeof testDefinition>[1] }[] };
    const missing = openBackend(testDefinition("gamma", testOptions({ bucket: uniqueName("dep-gone"), key: "x.tfstate" })));
    const graph = await estateDependencies([...cfg.backends.map((b) => openBackend(testDefinition(b.name, b.options))), missing]);
    expect(graph.edges).toHaveLength(5);
    expect(graph.unlisted.map((u) => u.backend)).toEqual(["gamma"]);
    expect(graph.unlisted[0]!.reason).toMatch(/bucket/i);
  });
});
