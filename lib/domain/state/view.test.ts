import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { SENSITIVE_MARKER } from "@/lib/state/mask";
import { parseState } from "@/lib/state/parse";
import type { ParsedState } from "@/lib/state/types";
import { buildState } from "@/testkit/states";
import { toolStateBytes } from "@/testkit/tool-writer";
import { instanceAttributes, stateOutlinePage, type OutlineRowData } from "./view";

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';
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
    { mode: "managed", type: "aws_instance", name: "web", provider: AWS, instances: [0, 1, 2].map((n) => ({ index_key: n, schema_version: 1, attributes: { id: `i-${n}` }, sensitive_attributes: [] })) },
  ],
  check_results: null,
};

function state(): ParsedState {
  const r = parseState(new TextEncoder().encode(JSON.stringify(doc)));
  if (r.kind !== "state") throw new Error(`fixture did not parse: ${r.kind}`);
  return r.state;
}

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

function parsed(bytes: Uint8Array): ParsedState {
  const r = parseState(bytes);
  if (r.kind !== "state") throw new Error(`fixture did not parse: ${r.kind}`);
  return r.state;
}
const label = (r: OutlineRowData) => (r.kind === "module" ? `M:${r.module}` : r.kind === "resource" ? `R:${r.address}${r.inline ? "*" : ""}` : `I:${r.address}${r.deposed ? `~${r.deposed}` : ""}`);

describe("stateOutlinePage", () => {
  it("lists modules (root first), resources and instances, with marks and no values", () => {
    const p = stateOutlinePage(state());
    expect(p.rows.map(label)).toEqual([
      "M:",
      "R:data.aws_ami.ubuntu*",
      "R:aws_db_instance.db",
      "I:aws_db_instance.db",
      "I:aws_db_instance.db~0a1b2c3d",
      "R:aws_instance.web",
      "I:aws_instance.web[0]",
      "I:aws_instance.web[1]",
      "I:aws_instance.web[2]",
      "M:module.net",
      "R:module.net.aws_vpc.main*",
    ]);
    expect(p.totalRows).toBe(11);
    expect(p.total).toEqual({ resources: 4, instances: 7 });
    expect(p.rows[0]).toMatchObject({ kind: "module", resources: 3, instances: 6, collapsed: false });
    expect(p.rows[3]).toMatchObject({ status: "tainted", sensitive: 1 });
    expect(JSON.stringify(p)).not.toMatch(/hunter2|old-secret|i-0/);
  });

  it("serves any slice of the list, and each slice is the same as in the whole list", () => {
    const all = stateOutlinePage(state()).rows.map(label);
    for (let offset = 0; offset < all.length; offset++) {
      for (const limit of [1, 2, 3, 5]) expect(stateOutlinePage(state(), { offset, limit }).rows.map(label)).toEqual(all.slice(offset, offset + limit));
    }
    expect(stateOutlinePage(state(), { offset: 50 }).rows).toEqual([]);
  });

  it("folds a collapsed module under its header and counts fewer rows", () => {
    const p = stateOutlinePage(state(), { collapsed: [""] });
    expect(p.rows.map(label)).toEqual(["M:", "M:module.net", "R:module.net.aws_vpc.main*"]);
    expect(p.rows[0]).toMatchObject({ collapsed: true, resources: 3 });
    expect(p.totalRows).toBe(3);
  });

  it("filters by address, type or name, case-insensitively, and counts what matched", () => {
    const p = stateOutlinePage(state(), { filter: "WEB" });
    expect(p.rows.map(label)).toEqual(["M:", "R:aws_instance.web", "I:aws_instance.web[0]", "I:aws_instance.web[1]", "I:aws_instance.web[2]"]);
    expect(p.matched).toEqual({ resources: 1, instances: 3 });
    expect(stateOutlinePage(state(), { filter: "module.net" }).rows.map(label)).toEqual(["M:module.net", "R:module.net.aws_vpc.main*"]);
    const none = stateOutlinePage(state(), { filter: "nothing-like-this" });
    expect([none.totalRows, none.matched.resources, none.modules]).toEqual([0, 0, 0]);
  });

  it("sends a page of a big state, not the state: a page far down is as small as the first", () => {
    const s = parsed(toolStateBytes("terraform", buildState({ seed: 5, webServers: 30_000 })));
    const first = stateOutlinePage(s, { limit: 100 });
    expect(first.totalRows).toBeGreaterThan(30_000);
    expect(first.rows).toHaveLength(100);
    const far = stateOutlinePage(s, { offset: first.totalRows - 50, limit: 100 });
    expect(far.rows).toHaveLength(50);
    expect(JSON.stringify(first).length).toBeLessThan(30_000);
    const web = stateOutlinePage(s, { filter: "aws_instance.web", offset: 2 + 29_999, limit: 1 }).rows[0];
    expect(web).toMatchObject({ kind: "instance", address: "module.app.aws_instance.web[29999]" });
  });
});
