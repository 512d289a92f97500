import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { SENSITIVE_MARKER } from "@/lib/state/mask";
import { parseState } from "@/lib/state/parse";
import type { ParsedState } from "@/lib/state/types";
import { buildState } from "@/testkit/states";
import { toolStateBytes } from "@/testkit/tool-writer";
import { instanceAttributes, stateOutline } from "./view";

const doc = {
  version: 4,
  terraform_version: "1.9.0",
  serial: 3,
  lineage: "l",
  outputs: {},
  resources: [
    { module: "module.net", mode: "managed", type: "aws_vpc", name: "main", provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 1, attributes: { id: "vpc-1", cidr: "10.0.0.0/16" }, sensitive_attributes: [] }] },
    { mode: "data", type: "aws_ami", name: "ubuntu", provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes: { id: "ami-1" }, sensitive_attributes: [] }] },
    {
      mode: "managed",
      type: "aws_db_instance",
      name: "db",
      provider: 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        { schema_version: 0, status: "tainted", attributes: { id: "db-1", password: "hunter2", tags: { owner: "ops" } }, sensitive_attributes: [[{ type: "get_attr", value: "password" }]] },
        { schema_version: 0, deposed: "0a1b2c3d", attributes: { id: "db-0", password: "old-secret" }, sensitive_attributes: [[{ type: "get_attr", value: "password" }]] },
      ],
    },
  ],
  check_results: null,
};

function state(): ParsedState {
  const r = parseState(new TextEncoder().encode(JSON.stringify(doc)));
  if (r.kind !== "state") throw new Error(`fixture did not parse: ${r.kind}`);
  return r.state;
}

describe("stateOutline", () => {
  it("groups by module, root first, keeps data sources, tainted and deposed marks, and no values", () => {
    const o = stateOutline(state());
    expect(o.modules.map((m) => m.module)).toEqual(["", "module.net"]);
    const root = o.modules[0]!.resources;
    expect(root.map((r) => [r.address, r.mode])).toEqual([
      ["data.aws_ami.ubuntu", "data"],
      ["aws_db_instance.db", "managed"],
    ]);
    const db = root[1]!;
    expect(db.keys).toEqual(["", ""]);
    expect(db.marks).toEqual([
      { at: 0, status: "tainted", sensitive: 1 },
      { at: 1, deposed: "0a1b2c3d", sensitive: 1 },
    ]);
    expect(root[0]!.marks).toEqual([]);
    expect(JSON.stringify(o)).not.toContain("hunter2");
  });

  it("filters by address, type or name, case-insensitively", () => {
    expect(stateOutline(state(), "VPC").matched).toBe(1);
    expect(stateOutline(state(), "module.net").modules.map((m) => m.module)).toEqual(["module.net"]);
    const none = stateOutline(state(), "nothing-like-this");
    expect([none.total, none.matched, none.modules.length]).toEqual([3, 0, 0]);
  });

  it("lists every instance of a big state, with count keys folded into a number", () => {
    const bytes = toolStateBytes("terraform", buildState({ seed: 5, webServers: 30_000 }));
    const r = parseState(bytes);
    if (r.kind !== "state") throw new Error(r.kind);
    const o = stateOutline(r.state);
    const resources = o.modules.flatMap((m) => m.resources);
    expect(o.matched).toBe(r.state.resources.length);
    expect(resources.find((x) => x.address === "module.app.aws_instance.web")?.keys).toBe(30_000);
    const forEach = resources.find((x) => x.address === 'module.services["shared"].aws_security_group.svc')!;
    expect(forEach.keys).toEqual(expect.arrayContaining(['["api"]']));
    // A ~35 MB state: the outline the page sends stays a few kilobytes.
    expect(JSON.stringify(o).length).toBeLessThan(20_000);
  });
});

describe("instanceAttributes", () => {
  it("masks sensitive attributes and tells current and deposed objects apart", () => {
    const cur = instanceAttributes(state(), "aws_db_instance.db");
    expect(cur.attributes).toEqual({ id: "db-1", password: SENSITIVE_MARKER, tags: { owner: "ops" } });
    expect(cur.sensitivePaths).toEqual([["password"]]);
    const old = instanceAttributes(state(), "aws_db_instance.db", "0a1b2c3d");
    expect(old.attributes).toEqual({ id: "db-0", password: SENSITIVE_MARKER });
    expect(JSON.stringify([cur, old])).not.toMatch(/hunter2|old-secret/);
  });

  it("is a NotFoundError for an unknown address", () => {
    expect(() => instanceAttributes(state(), "aws_instance.nope")).toThrow(NotFoundError);
  });
});
