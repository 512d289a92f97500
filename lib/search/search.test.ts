import { describe, expect, it } from "vitest";
import { parseState } from "@/lib/state/parse";
import type { ParsedState } from "@/lib/state/types";
import { flattenValues, providerShortName } from "./document";
import { SearchIndex } from "./index";
import { parseQuery, tokenize } from "./query";
import { searchableState } from "@/testkit/search-states";

function state(doc: object): ParsedState {
  const r = parseState(new TextEncoder().encode(JSON.stringify({ version: 4, terraform_version: "1.10.3", serial: 1, lineage: "l-1", outputs: {}, resources: [], ...doc })));
  if (r.kind !== "state") throw new Error(`not a state: ${r.kind}`);
  return r.state;
}

const sample = state(searchableState());

function indexOf(...docs: { backend: string; workspace: string; s: ParsedState }[]): SearchIndex {
  const idx = new SearchIndex();
  for (const d of docs) idx.add({ backend: d.backend, workspace: d.workspace, etag: "e" }, d.s);
  return idx;
}

const idx = indexOf({ backend: "prod-network", workspace: "prod-eu", s: sample }, { backend: "platform", workspace: "dev", s: sample });
const find = (q: string) => idx.query(parseQuery(q));
const addresses = (q: string) => find(q).hits.map((h) => `${h.backend}/${h.workspace}/${h.address}`);

describe("query language", () => {
  it("keeps quoted phrases and qualifier values together", () => {
    expect(tokenize('type:aws_instance "web server"  attr:tags.Name="web 1"')).toEqual(["type:aws_instance", "web server", "attr:tags.Name=web 1"]);
  });
  it("refuses unknown values of closed qualifiers and empty qualifiers", () => {
    expect(() => parseQuery("mode:resource")).toThrow(/managed/);
    expect(() => parseQuery("type:")).toThrow(/needs a value/);
    expect(() => parseQuery("x".repeat(2000))).toThrow(/too long/);
  });
});

describe("matching", () => {
  it("finds an attribute value in nested maps and lists, case-insensitively, whole or substring", () => {
    expect(addresses("10.0.1.5").filter((a) => a.startsWith("prod-network"))).toEqual(["prod-network/prod-eu/module.app.aws_instance.web[1]", "prod-network/prod-eu/output.web_ip"]);
    const hit = find("WEB-1 workspace:prod-eu").hits[0]!;
    expect(hit.matches).toEqual([{ path: "tags.Name", value: "web-1" }]);
    expect(find("backend:platform true").hits.map((h) => h.matches)).toEqual([[{ path: "root_block_device.0.encrypted", value: "true" }]]);
    expect(find("backend:platform 20").hits[0]!.matches).toContainEqual({ path: "root_block_device.0.volume_size", value: "20" });
  });

  it("prints addresses as terraform state list does", () => {
    expect(addresses("backend:platform acme-logs")).toEqual(['platform/dev/aws_s3_bucket.b["logs"]']);
    expect(addresses("backend:platform mode:data")).toEqual(["platform/dev/data.aws_ami.ubuntu"]);
  });

  it("narrows by each qualifier", () => {
    expect(addresses("type:aws_instance")).toHaveLength(2);
    expect(addresses("type:aws_s3_* backend:prod-*")).toEqual(['prod-network/prod-eu/aws_s3_bucket.b["logs"]']);
    expect(addresses("workspace:dev module:app")).toEqual(["platform/dev/module.app.aws_instance.web[1]"]);
    expect(addresses("provider:random")).toEqual(["platform/dev/random_pet.p", "prod-network/prod-eu/random_pet.p"]);
    expect(addresses("status:tainted backend:platform")).toEqual(["platform/dev/module.app.aws_instance.web[1]"]);
    expect(addresses("attr:tags.env=PROD backend:platform")).toEqual(["platform/dev/module.app.aws_instance.web[1]"]);
    expect(addresses("attr:tags.env=staging")).toEqual([]);
    expect(addresses("attr:root_block_device.*.volume_size=2* backend:platform")).toEqual(["platform/dev/module.app.aws_instance.web[1]"]);
    expect(addresses("ami-123 mode:managed")).toEqual([]);
  });

  it("matches output names, types and addresses as well as values", () => {
    expect(addresses("web_ip backend:platform")).toEqual(["platform/dev/output.web_ip"]);
    expect(addresses("happy backend:platform")).toEqual(["platform/dev/random_pet.p"]);
    expect(find("backend:platform aws_s3").hits[0]!.matches[0]).toEqual({ path: "address", value: "aws_s3_bucket.b[\"logs\"]" });
  });

  it("counts facets over every match, beyond the limit", () => {
    const r = idx.query(parseQuery("provider:aws"), { limit: 1 });
    expect(r.hits).toHaveLength(1);
    expect(r.total).toBe(6);
    expect(r.facets.backend).toEqual({ platform: 3, "prod-network": 3 });
    expect(r.facets.type).toEqual({ aws_instance: 2, aws_s3_bucket: 2, aws_ami: 2 });
  });

  it("limits to the backends the viewer may see", () => {
    expect(idx.query(parseQuery("acme-logs"), { allowed: new Set(["platform"]) }).hits.map((h) => h.backend)).toEqual(["platform"]);
  });
});

describe("no oracle for secrets", () => {
  for (const guess of ["top-secret-userdata", "secret-user", "tok-XYZ", "also-hidden", "hunter2-secret", "hunter2"]) {
    it(`a guess of a sensitive value (${guess}) never matches`, () => {
      expect(find(guess).total).toBe(0);
      expect(find(`attr:*=${guess}`).total).toBe(0);
      expect(find(`attr:credentials.*=*`).total).toBe(0);
    });
  }
  it("a sensitive output is still found by name, never by value", () => {
    expect(addresses("db_password backend:platform")).toEqual(["platform/dev/output.db_password"]);
    expect(find("db_password backend:platform").hits[0]!.matches).toEqual([{ path: "address", value: "output.db_password" }]);
  });
});

describe("documents", () => {
  it("walks deep nesting without recursion", () => {
    let deep: unknown = "bottom-value";
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const values = flattenValues(deep, null);
    expect(values).toHaveLength(1);
    expect(values[0]!.value).toBe("bottom-value");
  });
  it("names providers by their short name", () => {
    expect(providerShortName('provider["registry.terraform.io/hashicorp/aws"].west')).toBe("aws");
    expect(providerShortName("provider.google")).toBe("google");
  });
  it("accounts bytes per instance, keeps the index within its budget and frees what a replaced state used", () => {
    const one = new SearchIndex();
    expect(one.add({ backend: "b", workspace: "w", etag: "e" }, sample)).toBe(true);
    const bytes = one.bytes;
    expect(bytes).toBeGreaterThan(1000);
    const small = new SearchIndex(bytes + 10);
    expect(small.add({ backend: "b", workspace: "w", etag: "e" }, sample)).toBe(true);
    expect(small.add({ backend: "b", workspace: "w2", etag: "e" }, sample)).toBe(false);
    expect(small.bytes).toBe(bytes);
    // Replacing a state gives back its dictionary entries: a value only it had is no longer found.
    expect(small.query(parseQuery("acme-logs")).total).toBe(1);
    small.add({ backend: "b", workspace: "w", etag: "e2" }, state({}));
    expect(small.query(parseQuery("acme-logs")).total).toBe(0);
    expect(small.dicts.texts.containing("acme-logs").some((x) => x === 1)).toBe(false);
    small.remove("b", "w");
    expect(small.bytes).toBe(0);
    expect(small.dicts.texts.bytes).toBe(0);
  });
});
