import { stringifyWithBigInt } from "@/lib/util/json-bigint";
import { describe, expect, it } from "vitest";
import { fixtureState } from "./__fixtures__/load";
import { diffStates } from "./diff";
import { SENSITIVE_MARKER } from "./mask";
import type { ParsedState } from "./types";

const clone = (s: ParsedState): ParsedState => structuredClone(s);
const instanceOf = (s: ParsedState, address: string, deposed?: string) => {
  const i = s.resources.flatMap((r) => r.instances).find((x) => x.address === address && x.deposed === deposed);
  if (!i) throw new Error(address);
  return i;
};

describe("diffStates", () => {
  const a = fixtureState("v4-full.tfstate");

  it("an identical state has no changes but counts its instances", () => {
    const d = diffStates(a, clone(a));
    expect(d.sameContent).toBe(true);
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 7, outputsAdded: 0, outputsRemoved: 0, outputsChanged: 0 });
  });

  it("reports header changes", () => {
    const b = clone(a);
    b.serial = 43n;
    b.lineage = "other";
    b.terraformVersion = "1.10.0";
    const d = diffStates(a, b);
    expect(d.serial).toEqual({ before: 42n, after: 43n });
    expect(d.lineage).toMatchObject({ changed: true, after: "other" });
    expect(d.terraformVersion).toMatchObject({ changed: true, before: "1.9.5" });
    expect(d.sameContent).toBe(true);
  });

  it("finds added, removed and changed instances, deposed objects apart", () => {
    const b = clone(a);
    // remove the deposed object, add an instance, change a nested attribute and the tainted status
    const web = b.resources.find((r) => r.address === "aws_instance.web")!;
    web.instances = web.instances.filter((i) => !i.deposed);
    const subnets = b.resources.find((r) => r.type === "aws_subnet")!;
    subnets.instances.push({ ...structuredClone(subnets.instances[0]!), address: 'module.network["eu"].aws_subnet.this[2]', indexKey: 2 });
    const s0 = instanceOf(b, 'module.network["eu"].aws_subnet.this[0]');
    (s0.attributes as Record<string, unknown>).cidr_block = "10.0.9.0/24";
    (s0.attributes as Record<string, unknown>).tags = { a: ["x"] };
    delete instanceOf(b, 'module.network["eu"].aws_subnet.this[1]').status;
    const d = diffStates(a, b);
    expect(d.removed.map((r) => r.key)).toEqual(['aws_instance.web["blue"] (deposed 0badf00d)']);
    expect(d.removed[0]).toMatchObject({ deposed: "0badf00d", resourceAddress: "aws_instance.web", attributes: { id: "i-blue-old" } });
    expect(d.added.map((r) => r.key)).toEqual(['module.network["eu"].aws_subnet.this[2]']);
    expect(d.changed.map((c) => c.key)).toEqual(['module.network["eu"].aws_subnet.this[0]', 'module.network["eu"].aws_subnet.this[1]']);
    expect(d.changed[0]?.attributes).toEqual([
      { path: ["cidr_block"], kind: "changed", before: "10.0.1.0/24", after: "10.0.9.0/24", sensitive: false },
      { path: ["tags"], kind: "added", after: { a: ["x"] }, sensitive: false },
    ]);
    expect(d.changed[1]).toMatchObject({ status: { before: "tainted", after: null }, attributes: [] });
    expect(d.counts).toMatchObject({ added: 1, removed: 1, changed: 2, unchanged: 4 });
  });

  it("walks nested lists and maps to the changed leaf", () => {
    const b = clone(a);
    const db = instanceOf(b, "aws_db_instance.main").attributes as Record<string, unknown>;
    (db.tags as Record<string, unknown>).Name = "renamed";
    (db.endpoints as unknown[]).push("db-2.internal");
    const d = diffStates(a, b);
    expect(d.changed[0]?.attributes).toEqual([
      { path: ["endpoints", 2], kind: "added", after: "db-2.internal", sensitive: false },
      { path: ["tags", "Name"], kind: "changed", before: "main", after: "renamed", sensitive: false },
    ]);
  });

  it("reports that a sensitive attribute changed without its values", () => {
    const b = clone(a);
    const db = instanceOf(b, "aws_db_instance.main").attributes as Record<string, unknown>;
    db.password = "new-password-value";
    (db.endpoints as string[])[1] = "rotated-secret.internal";
    (db.tags as Record<string, unknown>).token = "tok-rotated";
    const d = diffStates(a, b);
    expect(d.changed[0]?.attributes).toEqual([
      { path: ["password"], kind: "changed", before: SENSITIVE_MARKER, after: SENSITIVE_MARKER, sensitive: true },
      { path: ["endpoints", 1], kind: "changed", before: SENSITIVE_MARKER, after: SENSITIVE_MARKER, sensitive: true },
      { path: ["tags", "token"], kind: "changed", before: SENSITIVE_MARKER, after: SENSITIVE_MARKER, sensitive: true },
    ]);
    const json = stringifyWithBigInt(d);
    for (const secret of ["s3cr3t", "new-password", "rotated-secret", "tok-"]) expect(json).not.toContain(secret);
  });

  it("masks using the other side's sensitive paths too, and in whole added subtrees", () => {
    const b = clone(a);
    const inst = instanceOf(b, "data.aws_ami.ubuntu");
    inst.attributes = { ...inst.attributes, name: "leaked-if-unmasked", creds: { key: "creds-secret", user: "u" } };
    inst.sensitiveAttributes = [["name"], ["creds", "key"]];
    const d = diffStates(a, b);
    expect(d.changed[0]?.attributes).toEqual([
      { path: ["name"], kind: "changed", before: SENSITIVE_MARKER, after: SENSITIVE_MARKER, sensitive: true },
      { path: ["creds"], kind: "added", after: { key: SENSITIVE_MARKER, user: "u" }, sensitive: false },
    ]);
    expect(stringifyWithBigInt(diffStates(b, a))).not.toMatch(/leaked-if-unmasked|creds-secret/);
  });

  it("diffs outputs and masks sensitive ones", () => {
    const b = clone(a);
    b.outputs.db_password!.value = "rotated-output-secret";
    delete b.outputs["vpc-id"];
    b.outputs.new_one = { name: "new_one", value: 1, type: "number", sensitive: false };
    b.outputs.subnet_ids!.value = ["subnet-aaa"];
    const d = diffStates(a, b);
    expect(d.outputs).toEqual([
      { name: "db_password", kind: "changed", sensitive: true, before: SENSITIVE_MARKER, after: SENSITIVE_MARKER, typeBefore: "string", typeAfter: "string" },
      { name: "subnet_ids", kind: "changed", sensitive: false, before: ["subnet-aaa", "subnet-bbb"], after: ["subnet-aaa"], typeBefore: ["list", "string"], typeAfter: ["list", "string"] },
      { name: "vpc-id", kind: "removed", sensitive: false, before: "vpc-123", typeBefore: "string" },
      { name: "new_one", kind: "added", sensitive: false, after: 1, typeAfter: "number" },
    ]);
    expect(stringifyWithBigInt(d)).not.toMatch(/hunter2|rotated-output/);
    expect(d.counts).toMatchObject({ outputsAdded: 1, outputsRemoved: 1, outputsChanged: 2 });
  });

  it("a removed instance's sensitive attributes are masked", () => {
    const b = clone(a);
    b.resources = b.resources.filter((r) => r.type !== "aws_db_instance");
    const d = diffStates(a, b);
    expect(d.removed[0]?.attributes).toMatchObject({ password: SENSITIVE_MARKER, tags: { Name: "main", token: SENSITIVE_MARKER } });
    expect(stringifyWithBigInt(d)).not.toContain("s3cr3t");
  });
});
