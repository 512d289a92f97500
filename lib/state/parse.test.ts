import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { encode, fixtureBytes, fixtureState } from "./__fixtures__/load";
import { parseState } from "./parse";
import type { ParsedState } from "./types";

const kindOf = (s: string | Uint8Array) => parseState(typeof s === "string" ? encode(s) : s).kind;

describe("parseState: outcomes", () => {
  it("0 bytes, whitespace and {} are empty", () => {
    expect(parseState(new Uint8Array())).toEqual({ kind: "empty", size: 0 });
    expect(kindOf("  \n")).toBe("empty");
    expect(parseState(encode("{}\n"))).toEqual({ kind: "empty", size: 3 });
  });

  it("not JSON is corrupt, with the position of the error", () => {
    const r = parseState(encode('{\n  "version": 4,\n  "serial": 1,,\n}'));
    expect(r.kind).toBe("corrupt");
    if (r.kind !== "corrupt") return;
    expect(r.position).toBe(32);
    expect(r.message).toContain("line 3");
    expect(parseState(fixtureBytes("truncated.tfstate")).kind).toBe("corrupt");
    expect(kindOf("invalid\n")).toBe("corrupt");
  });

  it("JSON that is not a state is not-state", () => {
    expect(kindOf(fixtureBytes("not-state.json"))).toBe("not-state");
    expect(kindOf("[1,2]")).toBe("not-state");
    expect(kindOf('"version"')).toBe("not-state");
    expect(kindOf("null")).toBe("not-state");
    expect(kindOf('{"version":"4"}')).toBe("not-state");
    expect(kindOf('{"version":-1}')).toBe("not-state");
  });

  it("an OpenTofu encrypted envelope is encrypted, with serial and lineage", () => {
    expect(parseState(fixtureBytes("encrypted-tofu.tfstate"))).toEqual({
      kind: "encrypted",
      serial: 3n,
      lineage: "0f0f0f0f-1111-2222-3333-444455556666",
      encryptionVersion: "v0",
      metaKeys: ["key_provider.pbkdf2.main"],
      size: fixtureBytes("encrypted-tofu.tfstate").length,
    });
    expect(parseState(encode('{"encrypted_data":"x","encryption_version":"v0"}'))).toMatchObject({ kind: "encrypted", serial: null, lineage: null });
  });

  it("a newer format version is future", () => {
    expect(parseState(fixtureBytes("future.tfstate"))).toMatchObject({ kind: "future", version: 5 });
  });

  it("a state-shaped document with wrong field types is corrupt and says where", () => {
    const r = parseState(encode('{"version":4,"serial":1,"lineage":"x","resources":[{"mode":"managed","type":"a","name":"b","instances":{}}]}'));
    expect(r).toMatchObject({ kind: "corrupt" });
    if (r.kind === "corrupt") expect(r.message).toContain("resources[0].instances");
    expect(kindOf('{"version":4,"resources":[{"mode":"other","type":"a","name":"b"}]}')).toBe("corrupt");
    expect(kindOf('{"version":4,"outputs":{"x":{"value":1,"type":["weird","number"]}}}')).toBe("corrupt");
    expect(kindOf('{"version":3,"modules":[{"path":["child"]}]}')).toBe("corrupt");
    expect(kindOf('{"version":3,"modules":[{"path":["root"],"resources":{"a.b.c.d.e":{}}}]}')).toBe("corrupt");
  });

  it("ignores a UTF-8 byte order mark", () => {
    const bytes = fixtureBytes("v4-compact-tofu.tfstate");
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    const r = parseState(withBom);
    expect(r.kind).toBe("state");
    if (r.kind === "state") expect(r.state.size).toBe(bytes.length + 3);
  });
});

describe("parseState: format 4", () => {
  const s = fixtureState("v4-full.tfstate");
  const inst = (addr: string, deposed?: string) => s.resources.flatMap((r) => r.instances).find((i) => i.address === addr && i.deposed === deposed);

  it("reads serials beyond 2^53 exactly, and refuses a serial that is no non-negative integer", () => {
    const state = (serial: string) => parseState(encode(`{"version":4,"serial":${serial},"lineage":"l","resources":[],"outputs":{}}`));
    expect(state("99999999999999999999")).toMatchObject({ kind: "state", state: { serial: 99999999999999999999n } });
    expect(state("9007199254740993")).toMatchObject({ kind: "state", state: { serial: 9007199254740993n } });
    expect(parseState(encode('{"encrypted_data":"x","encryption_version":"v0","serial":18446744073709551615}'))).toMatchObject({ kind: "encrypted", serial: 18446744073709551615n });
    for (const bad of ["-1", "1.5", "1e30"]) expect(state(bad).kind).toBe("corrupt");
  });

  it("reads the header", () => {
    expect(s).toMatchObject({ version: 4, terraformVersion: "1.9.5", serial: 42n, lineage: "6d2f9c1e-8a3b-4c5d-9e0f-112233445566" });
    expect(s.checkResults).toEqual([expect.objectContaining({ config_addr: "aws_instance.web", status: "pass" })]);
  });

  it("reads outputs with types and sensitivity", () => {
    expect(s.outputs.db_password).toEqual({ name: "db_password", value: "hunter2-very-secret", type: "string", sensitive: true });
    expect(s.outputs.subnet_ids).toMatchObject({ type: ["list", "string"], sensitive: false });
  });

  it("builds resource and instance addresses", () => {
    expect(s.resources.map((r) => r.address)).toEqual([
      "data.aws_ami.ubuntu",
      "aws_db_instance.main",
      'module.network["eu"].aws_subnet.this',
      "aws_instance.web",
      "null_resource.legacy",
    ]);
    expect(s.resources[2]).toMatchObject({ module: 'module.network["eu"]', mode: "managed", type: "aws_subnet", name: "this" });
    expect(s.resources[0]).toMatchObject({ mode: "data", provider: 'provider["registry.terraform.io/hashicorp/aws"]' });
    expect(inst('module.network["eu"].aws_subnet.this[1]')).toMatchObject({ indexKey: 1, status: "tainted", schemaVersion: 1 });
    expect(inst('module.network["eu"].aws_subnet.this[0]')?.status).toBeUndefined();
  });

  it("keeps deposed objects apart from the current one", () => {
    expect(inst('aws_instance.web["blue"]')).toMatchObject({ indexKey: "blue", attributes: { id: "i-blue-new" }, createBeforeDestroy: true });
    expect(inst('aws_instance.web["blue"]', "0badf00d")).toMatchObject({ attributes: { id: "i-blue-old" } });
  });

  it("normalises cty sensitive paths", () => {
    expect(inst("aws_db_instance.main")?.sensitiveAttributes).toEqual([["password"], ["endpoints", 1], ["tags", "token"]]);
    expect(inst("aws_db_instance.main")?.dependencies).toEqual(["module.network.aws_subnet.this"]);
  });

  it("falls back to attributes_flat", () => {
    expect(inst("null_resource.legacy")).toMatchObject({ attributes: { id: "123", "triggers.%": "1" }, attributesFlat: true });
  });

  it("reads the compact form OpenTofu writes", () => {
    const t = fixtureState("v4-compact-tofu.tfstate");
    expect(t).toMatchObject({ serial: 7n, terraformVersion: "1.8.2", checkResults: null });
    expect(t.resources[0]?.instances[0]?.address).toBe("random_integer.n");
  });

  it("quotes string instance keys as HCL does", () => {
    const s2 = parseState(encode('{"version":4,"resources":[{"mode":"managed","type":"t","name":"n","instances":[{"index_key":"a\\"b\\n${x}","attributes":{}}]}]}'));
    expect(s2.kind === "state" && s2.state.resources[0]?.instances[0]?.address).toBe('t.n["a\\"b\\n$${x}"]');
  });

  it("masks more, never less, for unknown sensitive path forms", () => {
    const r = parseState(
      encode(
        '{"version":4,"resources":[{"mode":"managed","type":"t","name":"n","instances":[{"attributes":{},"sensitive_attributes":[["a",0],[{"type":"get_attr","value":"s"},{"type":"index","value":{"value":["x"],"type":"set"}}],[{"type":"index","value":"k"}],"weird"]}]}]}',
      ),
    );
    expect(r.kind === "state" && r.state.resources[0]?.instances[0]?.sensitiveAttributes).toEqual([["a", 0], ["s"], ["k"], []]);
  });
});

describe("parseState: legacy formats", () => {
  const s = fixtureState("v3-legacy.tfstate");

  it("takes root outputs only, with types implied from values", () => {
    expect(Object.keys(s.outputs).sort()).toEqual(["admin_password", "empty_list", "mixed", "names", "tags"]);
    expect(s.outputs.names?.type).toEqual(["list", "string"]);
    expect(s.outputs.tags?.type).toEqual(["map", "string"]);
    expect(s.outputs.mixed?.type).toEqual(["tuple", ["string", "number"]]);
    expect(s.outputs.empty_list?.type).toEqual(["tuple", []]);
    expect(s.outputs.admin_password).toMatchObject({ sensitive: true, type: "string" });
  });

  it("maps resources, instances, deposed and tainted objects as the v3 upgrade does", () => {
    expect(s).toMatchObject({ version: 3, serial: 12n, terraformVersion: "0.11.14" });
    expect(s.resources.map((r) => [r.address, r.provider])).toEqual([
      ["data.aws_ami.ubuntu", "provider.aws.west"],
      ["aws_instance.web", "provider.aws"],
      ["module.child.null_resource.foo", "module.child.provider.null"],
    ]);
    const web = s.resources[1]!.instances;
    expect(web.map((i) => [i.address, i.deposed, i.status])).toEqual([
      ["aws_instance.web[0]", undefined, undefined],
      ["aws_instance.web[1]", undefined, "tainted"],
      ["aws_instance.web[1]", "00000001", undefined],
    ]);
    expect(web[0]?.attributes).toEqual({ id: "i-0" });
    expect(web[1]).toMatchObject({ schemaVersion: 1, dependencies: ["aws_security_group.sg"], attributesFlat: true });
  });

  it("reads version 1 bare string outputs", () => {
    const r = parseState(encode('{"version":1,"serial":2,"modules":[{"path":["root"],"outputs":{"ip":"1.2.3.4"}}]}'));
    expect(r.kind === "state" && r.state.outputs.ip).toEqual({ name: "ip", value: "1.2.3.4", type: "string", sensitive: false });
  });
});

describe("parseState: upstream fixtures", () => {
  const dir = path.resolve(__dirname, "../../../shared/fixtures/upstream");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".tfstate")) : [];
  const read = (f: string) => new Uint8Array(readFileSync(path.join(dir, f)));
  const state = (f: string): ParsedState => {
    const r = parseState(read(f));
    if (r.kind !== "state") throw new Error(`${f}: ${r.kind}`);
    return r.state;
  };

  it.skipIf(files.length === 0)("every file parses to the expected kind", () => {
    for (const f of files) {
      const expected = f.includes("corrupt") ? "corrupt" : "state";
      expect([f, parseState(read(f)).kind]).toEqual([f, expected]);
    }
  });

  it.skipIf(files.length === 0)("v3 files give the root outputs and resources of their upgraded .out files", () => {
    for (const f of files.filter((x) => x.includes("v3-") && x.endsWith(".in.tfstate"))) {
      const legacy = state(f);
      const upgraded = state(f.replace(".in.", ".out."));
      expect(legacy.outputs).toEqual(upgraded.outputs);
      expect(legacy.serial).toBe(upgraded.serial);
      expect(legacy.lineage).toBe(upgraded.lineage);
      // The .out files drop dependencies (v4 has none for upgraded objects); compare everything else.
      const shape = (s: ParsedState) => s.resources.map((r) => ({ ...r, instances: r.instances.map((i) => ({ ...i, dependencies: undefined })) }));
      expect(shape(legacy)).toEqual(shape(upgraded));
    }
  });

  it.skipIf(files.length === 0)("reads nested modules, deprecated and null outputs", () => {
    const nested = state(files.find((f) => f.includes("state-list-nested-modules"))!);
    expect(nested.resources.some((r) => r.module.startsWith("module.") && r.module.includes(".module."))).toBe(true);
    const dep = state(files.find((f) => f.includes("deprecation_warnings"))!);
    expect(dep.outputs.foo).toMatchObject({ value: "bar", deprecated: "I am deprecated" });
    const nulls = state(files.find((f) => f.includes("null_outputs"))!);
    expect(nulls.outputs.map).toMatchObject({ value: null, type: ["map", "string"] });
    const sens = state(files.find((f) => f.includes("sensitive-variables"))!);
    expect(sens.resources[0]?.instances[0]?.sensitiveAttributes).toEqual([["ami"]]);
  });
});
