/**
 * Who reads a workspace's outputs, as the pages get it (app/(dashboard)/_lib/dependency-scope.ts):
 * the restore preview and the diff name the readers an output change affects, the Outputs and
 * State tabs list readers and sources, and a caller who may view only one backend learns nothing
 * about the other's workspaces but a count. Only the session lookup (`@/auth`) is replaced; the
 * role decision is lib/auth's `can`, the states are written to moto as the tools write them.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/types";
import { getBackendContext } from "@/lib/domain/backends";
import { createBucket, testOptions, uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { affectedForCaller, readersForCaller, sourcesForCaller } from "@/app/(dashboard)/_lib/dependency-scope";

/** The caller's role per backend name; a backend absent here is one the caller may not view. */
const roles: { current: Record<string, Role> } = { current: {} };

vi.mock("@/auth", async () => ({
  getRole: async (backend: string | null) => ({
    user: { id: "local:tester", name: "tester", email: "tester@example.com", groups: [], provider: "local" },
    role: backend === null ? null : (roles.current[backend] ?? null),
  }),
}));

type Source = { name: string; bucket: string; key: string; workspace?: string; prefix?: string };
const SECRET_V1 = "s3cr3t-value-one-never-sent";
const SECRET_V2 = "s3cr3t-value-two-never-sent";

function state(serial: number, outputs: Record<string, { value: unknown; type: unknown; sensitive?: boolean }>, sources: Source[] = []) {
  return {
    version: 4,
    terraform_version: "1.10.3",
    serial,
    lineage: "bbbbbbbb-0000-0000-0000-000000000000",
    outputs,
    resources: sources.map((s) => ({
      mode: "data",
      type: "terraform_remote_state",
      name: s.name,
      provider: 'provider["terraform.io/builtin/terraform"]',
      instances: [
        {
          schema_version: 0,
          attributes: {
            backend: "s3",
            config: { value: { bucket: s.bucket, key: s.key, region: "us-east-1", ...(s.prefix !== undefined ? { workspace_key_prefix: s.prefix } : {}) }, type: ["object", {}] },
            defaults: null,
            outputs: { value: {}, type: ["object", {}] },
            workspace: s.workspace ?? null,
          },
          sensitive_attributes: [],
        },
      ],
    })),
  };
}

let alpha: string;
let beta: string;
let v1: string;
let v2: string;
let v3: string;

beforeAll(async () => {
  const [ba, bb] = [uniqueName("readers-a"), uniqueName("readers-b")];
  await Promise.all([createBucket(ba, { versioning: "Enabled" }), createBucket(bb, { versioning: "Enabled" })]);
  alpha = uniqueName("alpha");
  beta = uniqueName("beta");
  const oa = testOptions({ bucket: ba, key: "network/terraform.tfstate" });
  const ob = testOptions({ bucket: bb, key: "app.tfstate", workspace_key_prefix: "teams" });
  const dir = mkdtempSync(path.join(tmpdir(), "statehouse-readers-"));
  const file = path.join(dir, "statehouse.config.json");
  writeFileSync(file, JSON.stringify({ backends: [{ name: alpha, options: oa }, { name: beta, options: ob }] }));
  process.env.STATEHOUSE_CONFIG = file;
  const wa = new ToolWriter(await getBackendContext(alpha));
  const wb = new ToolWriter(await getBackendContext(beta));
  const net = { bucket: ba, key: "network/terraform.tfstate" };
  // alpha/default is read by alpha/app (same backend) and beta/web (another backend, a named workspace there).
  v1 = (await wa.apply("default", state(1, { vpc_id: { value: "vpc-1", type: "string" }, region: { value: "eu-west-1", type: "string" }, db_password: { value: SECRET_V1, type: "string", sensitive: true } }))).versionId;
  v2 = (await wa.apply("default", state(2, { vpc_id: { value: "vpc-2", type: "string" }, region: { value: "eu-west-1", type: "string" }, db_password: { value: SECRET_V2, type: "string", sensitive: true } }))).versionId;
  // v3 only adds an output: nothing a reader had changes.
  v3 = (await wa.apply("default", state(3, { vpc_id: { value: "vpc-2", type: "string" }, region: { value: "eu-west-1", type: "string" }, db_password: { value: SECRET_V2, type: "string", sensitive: true }, extra: { value: 1, type: "number" } }))).versionId;
  await wa.apply("app", state(1, {}, [{ name: "network", ...net }]));
  await wb.apply("web", state(1, {}, [{ name: "net", ...net }, { name: "app", ...net, workspace: "app" }]));
  // beta/web is read by alpha/app: alpha/app also reads from a backend an alpha-only viewer may not view.
  await wa.apply("app", state(2, {}, [{ name: "network", ...net }, { name: "web", bucket: bb, key: "app.tfstate", prefix: "teams", workspace: "web" }]));
}, 60_000);

afterEach(() => {
  roles.current = {};
});

const names = (list: { backend: string; workspace: string; address: string }[]) => list.map((c) => `${c.backend}/${c.workspace} ${c.address}`);

describe("the restore preview's and the diff's affected readers", () => {
  it("names every reader with its data source address when restoring an older version whose outputs differ", async () => {
    roles.current = { [alpha]: "admin", [beta]: "viewer" };
    // Restoring v1 over the current v3: from the current state to the chosen version, as the restore page asks.
    const r = await affectedForCaller(await getBackendContext(alpha), "default", v3, v1);
    expect(r.ok).toBe(true);
    if (!r.ok || !r.data) throw new Error("no answer");
    expect(r.data.outputs).toEqual(["db_password", "extra", "vpc_id"]);
    expect(names(r.data.consumers)).toEqual([`${alpha}/app data.terraform_remote_state.network`, `${beta}/web data.terraform_remote_state.net`]);
    expect(r.data.hidden).toBe(0);
    // Names only: no value of either version, sensitive or not, is in what the page renders from.
    const sent = JSON.stringify(r.data);
    for (const v of [SECRET_V1, SECRET_V2, "vpc-1", "vpc-2"]) expect(sent).not.toContain(v);
  });

  it("names a changed sensitive output by name when only its value changed (v1 → v2 on the diff page)", async () => {
    roles.current = { [alpha]: "viewer", [beta]: "viewer" };
    const r = await affectedForCaller(await getBackendContext(alpha), "default", v1, v2);
    if (!r.ok || !r.data) throw new Error("no answer");
    expect(r.data.outputs).toEqual(["db_password", "vpc_id"]);
    expect(r.data.consumers).toHaveLength(2);
  });

  it("affects nobody when the newer version only adds an output", async () => {
    roles.current = { [alpha]: "viewer", [beta]: "viewer" };
    const r = await affectedForCaller(await getBackendContext(alpha), "default", v2, v3);
    if (!r.ok || !r.data) throw new Error("no answer");
    expect(r.data).toEqual({ outputs: [], consumers: [], hidden: 0 });
  });

  it("counts, but never names, a reader in a backend the caller may not view", async () => {
    roles.current = { [alpha]: "admin" };
    const r = await affectedForCaller(await getBackendContext(alpha), "default", v3, v1);
    if (!r.ok || !r.data) throw new Error("no answer");
    expect(names(r.data.consumers)).toEqual([`${alpha}/app data.terraform_remote_state.network`]);
    expect(r.data.hidden).toBe(1);
    expect(JSON.stringify(r.data)).not.toContain(beta);
  });
});

describe("Read by (Outputs tab) and Reads from (State tab)", () => {
  it("lists the readers of a producer, each with the data source's address", async () => {
    roles.current = { [alpha]: "viewer", [beta]: "viewer" };
    const r = await readersForCaller(alpha, "default");
    if (!r.ok) throw new Error(r.error.message);
    expect(names(r.data.consumers)).toEqual([`${alpha}/app data.terraform_remote_state.network`, `${beta}/web data.terraform_remote_state.net`]);
  });

  it("lists a consumer's producers, the cycle between alpha/app and beta/web marked on both sides", async () => {
    roles.current = { [alpha]: "viewer", [beta]: "viewer" };
    const r = await sourcesForCaller(alpha, "app");
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.producers.map((p) => `${p.backend}/${p.workspace} ${p.address}${p.inCycle ? " cycle" : ""}`)).toEqual([`${alpha}/default data.terraform_remote_state.network`, `${beta}/web data.terraform_remote_state.web cycle`]);
    expect(r.data.hidden).toEqual([]);
  });

  it("gives an alpha-only viewer the address of alpha/app's source in beta, never the workspace it resolves to", async () => {
    roles.current = { [alpha]: "viewer" };
    const sources = await sourcesForCaller(alpha, "app");
    if (!sources.ok) throw new Error(sources.error.message);
    expect(sources.data.producers.map((p) => `${p.workspace}${p.inCycle ? " cycle" : ""}`)).toEqual(["default"]);
    expect(sources.data.hidden).toEqual([{ address: "data.terraform_remote_state.web" }]);
    const readers = await readersForCaller(alpha, "app");
    if (!readers.ok) throw new Error(readers.error.message);
    expect(readers.data).toEqual({ consumers: [], hidden: 1 });
    expect(JSON.stringify([sources.data, readers.data])).not.toContain(beta);
  });

  it("refuses a caller who may not view the workspace's backend, even one who may view the other", async () => {
    roles.current = { [beta]: "viewer" };
    for (const r of [await readersForCaller(alpha, "default"), await sourcesForCaller(alpha, "app"), await affectedForCaller(await getBackendContext(alpha), "default", v3, v1)]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("FORBIDDEN");
    }
  });
});
