import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { SENSITIVE_MARKER } from "@/lib/state/mask";
import { parseState } from "@/lib/state/parse";
import type { ParsedState } from "@/lib/state/types";
import { instanceAttributes, stateOutline } from "./state-view";

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
    expect(db.instances).toEqual([
      { address: "aws_db_instance.db", status: "tainted", sensitive: 1 },
      { address: "aws_db_instance.db", deposed: "0a1b2c3d", sensitive: 1 },
    ]);
    expect(JSON.stringify(o)).not.toContain("hunter2");
  });

  it("filters by address, type or name, case-insensitively", () => {
    expect(stateOutline(state(), "VPC").matched).toBe(1);
    expect(stateOutline(state(), "module.net").modules.map((m) => m.module)).toEqual(["module.net"]);
    const none = stateOutline(state(), "nothing-like-this");
    expect([none.total, none.matched, none.modules.length]).toEqual([3, 0, 0]);
  });

  it("lists at most `limit` resources but counts every match", () => {
    const o = stateOutline(state(), "", 1);
    expect([o.matched, o.shown]).toEqual([3, 1]);
    expect(o.modules.flatMap((m) => m.resources)).toHaveLength(1);
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
