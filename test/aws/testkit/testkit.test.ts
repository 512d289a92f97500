import { describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import { listWorkspaces } from "@/lib/backend/workspaces";
import { listVersions } from "@/lib/backend/versions";
import { readLockStatus } from "@/lib/backend/locks/status";
import { parseState } from "@/lib/state/parse";
import { motoEndpoint } from "@/testkit/moto";
import { buildState, lineageFor } from "@/testkit/states";
import { toolStateBytes } from "@/testkit/tool-writer";
import { estateDependencies } from "@/lib/domain/dependencies";
import { seedEstate } from "@/testkit/estate";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("toolStateBytes", () => {
  it("writes terraform's indented and tofu's compact JSON, each with a newline and Go's HTML escaping", () => {
    const state = { version: 4, serial: 1, outputs: { x: { value: "<a> & b\u2028", type: "string" } }, resources: [], check_results: null };
    expect(text(toolStateBytes("terraform", state))).toBe(
      '{\n  "version": 4,\n  "serial": 1,\n  "outputs": {\n    "x": {\n      "value": "\\u003ca\\u003e \\u0026 b\\u2028",\n      "type": "string"\n    }\n  },\n  "resources": [],\n  "check_results": null\n}\n',
    );
    expect(text(toolStateBytes("tofu", state))).toBe('{"version":4,"serial":1,"outputs":{"x":{"value":"\\u003ca\\u003e \\u0026 b\\u2028","type":"string"}},"resources":[],"check_results":null}\n');
  });
});

describe("buildState", () => {
  it("is deterministic from the seed and changes between generations", () => {
    expect(buildState({ seed: 4, generation: 2 })).toEqual(buildState({ seed: 4, generation: 2 }));
    expect(buildState({ seed: 4, generation: 2 })).not.toEqual(buildState({ seed: 4, generation: 3 }));
    expect(buildState({ seed: 4 }).lineage).toBe(lineageFor(4));
    expect(lineageFor(4)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("is a valid v4 state with modules, count/for_each, data sources, tainted, deposed and sensitive values", () => {
    const r = parseState(toolStateBytes("terraform", buildState({ seed: 1, generation: 1 })));
    if (r.kind !== "state") throw new Error(`not a state: ${r.kind}`);
    const s = r.state;
    expect(s.serial).toBe(2n);
    const instances = s.resources.flatMap((res) => res.instances);
    expect(s.resources.some((res) => res.mode === "data")).toBe(true);
    expect(new Set(s.resources.map((res) => res.module))).toEqual(new Set(["", "module.network", 'module.services["shared"]', "module.app", "module.app.module.database"]));
    expect(instances.some((i) => typeof i.indexKey === "number")).toBe(true);
    expect(instances.some((i) => typeof i.indexKey === "string")).toBe(true);
    expect(instances.some((i) => i.status === "tainted")).toBe(true);
    expect(instances.some((i) => i.deposed !== undefined)).toBe(true);
    expect(instances.some((i) => i.sensitiveAttributes.length > 0)).toBe(true);
    expect(s.outputs.database).toMatchObject({ sensitive: true, type: ["object", expect.any(Object)] });
  });

  it("scales with webServers", () => {
    const small = toolStateBytes("tofu", buildState({ seed: 1, webServers: 10 })).length;
    const big = toolStateBytes("tofu", buildState({ seed: 1, webServers: 1000 })).length;
    expect(big).toBeGreaterThan(small * 50);
  });
});

describe("seedEstate", () => {
  it("seeds the demo estate once, with history, locks, a deleted workspace and a digest mismatch", async () => {
    const backends = await seedEstate(motoEndpoint());
    expect(backends.map((b) => b.name)).toEqual(["prod-network", "platform", "legacy-tools", "data-teams", "fleet", "payments"]);
    const ctx = (i: number) => openBackend({ ...backends[i]!, source: "test" });

    const network = await listWorkspaces(ctx(0));
    expect(network.warnings).toEqual([]);
    expect(network.workspaces.map((w) => [w.name, w.exists, w.deleted])).toEqual([
      ["default", true, false],
      ["prod-eu", true, false],
      ["prod-us", true, false],
      ["sandbox", false, true],
      ["staging", true, false],
    ]);
    const prodUs = network.workspaces.find((w) => w.name === "prod-us")!;
    expect(prodUs.lockHolders).toEqual([expect.objectContaining({ kind: "dynamodb", who: "gitlab-ci@runner-42" })]);
    expect(Date.now() - Date.parse(prodUs.lockHolders[0]!.created)).toBeGreaterThan(70 * 3600_000);
    expect((await listVersions(ctx(0), "default")).versions.length).toBeGreaterThanOrEqual(10);
    expect((await readLockStatus(ctx(0), "prod-eu")).digest.status).toBe("mismatch");

    const platform = await listWorkspaces(ctx(1));
    expect(platform.workspaces.map((w) => w.name)).toEqual(["default", "dev", "feature-login", "qa"]);
    expect(platform.workspaces.find((w) => w.name === "qa")!.lockHolders).toEqual([expect.objectContaining({ kind: "s3", who: "bob@workstation" })]);

    const legacy = await listWorkspaces(ctx(2));
    expect(legacy.workspaces.map((w) => [w.name, w.exists, w.locked])).toEqual([
      ["default", true, false],
      ["ops", true, false],
    ]);
    expect((await listVersions(ctx(2), "default")).versioning).toBe("Disabled");

    const teams = await listWorkspaces(ctx(3));
    expect(teams.workspaces.map((w) => [w.name, w.exists])).toEqual([
      ["default", false],
      ["analytics", true],
      ["ml", true],
    ]);

    // Issue 10: workspaces reading each other's outputs (a cycle and a dangling reference), history over weeks.
    const graph = await estateDependencies(backends.map((_, i) => ctx(i)));
    expect(graph.edges.map((e) => `${e.producer.backend}/${e.producer.workspace}>${e.consumer.backend}/${e.consumer.workspace}${e.dangling ? " dangling" : ""}${e.inCycle ? " cycle" : ""}`)).toEqual([
      "platform/default>data-teams/analytics cycle",
      "prod-network/sandbox>data-teams/analytics dangling",
      "prod-network/staging>data-teams/analytics",
      "data-teams/analytics>platform/default cycle",
      "prod-network/default>platform/default",
    ]);
    const stamps = (await listVersions(ctx(0), "default")).versions.map((v) => Date.parse(v.lastModified));
    expect(Math.max(...stamps) - Math.min(...stamps)).toBeGreaterThan(30 * 86400_000);

    const before = (await listVersions(ctx(0), "default")).versions.length;
    await seedEstate(motoEndpoint());
    expect((await listVersions(ctx(0), "default")).versions.length).toBe(before);
  });
});
