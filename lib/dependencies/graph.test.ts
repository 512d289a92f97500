import { describe, expect, it } from "vitest";
import { parseState } from "@/lib/state/parse";
import type { ParsedState } from "@/lib/state/types";
import { affectedConsumers, markCycles, remoteStateRefs, resolveRef, type Edge, type KnownBackend } from "./graph";

function consumer(sources: { name: string; backend?: string; config: Record<string, string>; workspace?: string }[]): ParsedState {
  const doc = {
    version: 4,
    serial: 1,
    lineage: "l",
    outputs: {},
    resources: sources.map((s) => ({
      mode: "data",
      type: "terraform_remote_state",
      name: s.name,
      provider: 'provider["terraform.io/builtin/terraform"]',
      instances: [{ schema_version: 0, attributes: { backend: s.backend ?? "s3", config: { value: s.config, type: ["object", {}] }, defaults: null, outputs: { value: {}, type: ["object", {}] }, workspace: s.workspace ?? null }, sensitive_attributes: [] }],
    })),
  };
  const r = parseState(new TextEncoder().encode(JSON.stringify(doc)));
  if (r.kind !== "state") throw new Error(r.kind);
  return r.state;
}

/** The S3 backend's layout for the fixtures: default at `key`, others at `prefix/W/key` (no prefix segment when empty). */
function layout(key: string, prefix: string): (objectKey: string) => string | null {
  return (k) => {
    if (k === key) return "default";
    const rest = prefix ? (k.startsWith(`${prefix}/`) ? k.slice(prefix.length + 1) : null) : k;
    const m = rest === null ? null : /^([^/]+)\/(.+)$/.exec(rest);
    return m && m[2] === key ? m[1]! : null;
  };
}

const backends: KnownBackend[] = [
  { name: "net", bucket: "b1", workspaceOf: layout("network/terraform.tfstate", "env:"), workspaces: new Set(["default", "prod"]) },
  { name: "apps", bucket: "b1", workspaceOf: layout("apps.tfstate", "teams"), workspaces: new Set(["default", "web"]) },
  { name: "flat", bucket: "b2", workspaceOf: layout("s.tfstate", ""), workspaces: new Set(["default", "x"]) },
];

describe("remote state references", () => {
  it("resolve every config form, and mark external and dangling ones", () => {
    const refs = remoteStateRefs(
      consumer([
        { name: "default_ws", config: { bucket: "b1", key: "network/terraform.tfstate", region: "us-east-1" } },
        { name: "named", config: { bucket: "b1", key: "network/terraform.tfstate" }, workspace: "prod" },
        { name: "custom_prefix", config: { bucket: "b1", key: "apps.tfstate", workspace_key_prefix: "teams" }, workspace: "web" },
        { name: "empty_prefix", config: { bucket: "b2", key: "s.tfstate", workspace_key_prefix: "" }, workspace: "x" },
        { name: "missing", config: { bucket: "b1", key: "network/terraform.tfstate" }, workspace: "gone" },
        { name: "other_bucket", config: { bucket: "elsewhere", key: "k" } },
        { name: "not_s3", backend: "gcs", config: { bucket: "b1", prefix: "p" } },
      ]),
    );
    expect(refs.map((r) => r.address)).toEqual([
      "data.terraform_remote_state.default_ws",
      "data.terraform_remote_state.named",
      "data.terraform_remote_state.custom_prefix",
      "data.terraform_remote_state.empty_prefix",
      "data.terraform_remote_state.missing",
      "data.terraform_remote_state.other_bucket",
      "data.terraform_remote_state.not_s3",
    ]);
    expect(refs.map((r) => resolveRef(r, backends))).toEqual([
      { kind: "workspace", backend: "net", workspace: "default" },
      { kind: "workspace", backend: "net", workspace: "prod" },
      { kind: "workspace", backend: "apps", workspace: "web" },
      { kind: "workspace", backend: "flat", workspace: "x" },
      { kind: "dangling", backend: "net", workspace: "gone" },
      { kind: "external", backendType: "s3", bucket: "elsewhere", key: "k", workspace: "default" },
      { kind: "external", backendType: "gcs", bucket: "b1", key: null, workspace: "default" },
    ]);
  });

  it("marks the edges of a cycle and only those", () => {
    const n = (w: string) => ({ backend: "net", workspace: w });
    const e = (p: string, c: string, dangling = false): Edge => ({ producer: n(p), consumer: n(c), address: `data.terraform_remote_state.${p}`, dangling, inCycle: false });
    const marked = markCycles([e("a", "b"), e("b", "c"), e("c", "a"), e("c", "d"), e("x", "a", true)]);
    expect(marked.map((m) => m.inCycle)).toEqual([true, true, true, false, false]);
  });

  it("names affected consumers when an output is removed or changes type or value, not otherwise", () => {
    const o = (name: string, value: unknown, type: unknown = "string") => ({ [name]: { name, value, type, sensitive: false } }) as Record<string, never>;
    const readers = [{ backend: "apps", workspace: "web", address: "data.terraform_remote_state.net" }];
    expect(affectedConsumers({ ...o("vpc_id", "v1"), ...o("n", 1, "number") }, { ...o("vpc_id", "v1"), ...o("n", 1, "number") }, readers)).toEqual({ outputs: [], consumers: [] });
    expect(affectedConsumers({ ...o("vpc_id", "v1"), ...o("n", 1, "number") }, { ...o("vpc_id", "v2"), ...o("n", "1") }, readers)).toEqual({ outputs: ["n", "vpc_id"], consumers: readers });
    expect(affectedConsumers(o("vpc_id", "v1"), {}, readers).outputs).toEqual(["vpc_id"]);
    expect(affectedConsumers({}, o("new", "x"), readers).outputs).toEqual([]);
  });
});
