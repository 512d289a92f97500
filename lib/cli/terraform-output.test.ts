import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseState } from "@/lib/state/parse";
import { goDecimal, goMarshalIndent } from "./go-json";
import { terraformOutputJson } from "./terraform-output";

const fixtures = path.resolve(__dirname, "../../test/cli/__fixtures__");

describe("terraformOutputJson", () => {
  it("prints exactly the document `terraform output -json` prints", () => {
    const r = parseState(readFileSync(path.join(fixtures, "outputs.tfstate")));
    if (r.kind !== "state") throw new Error(`fixture parsed as ${r.kind}`);
    const expected = readFileSync(path.join(fixtures, "outputs.expected.json"), "utf8");
    expect(terraformOutputJson(r.state.outputs)).toBe(expected);
  });

  it("prints {} when there are no outputs", () => {
    expect(terraformOutputJson({})).toBe("{}\n");
  });
});

describe("goMarshalIndent", () => {
  it("sorts keys bytewise, not with integer-like keys first as JS objects do", () => {
    expect(goMarshalIndent({ b: 1, "10": 2, "2": 3, A: 4 })).toBe('{\n  "10": 2,\n  "2": 3,\n  "A": 4,\n  "b": 1\n}');
  });
  it("escapes HTML characters and line separators as Go does", () => {
    expect(goMarshalIndent("<a&b>\u2029\u0001")).toBe('"\\u003ca\\u0026b\\u003e\\u2029\\u0001"');
  });
  it("refuses values JSON cannot hold", () => {
    expect(() => goMarshalIndent(undefined)).toThrow(/Cannot write/);
    expect(() => goDecimal(Number.NaN)).toThrow(/Cannot write/);
  });
});

describe("goDecimal", () => {
  it.each([
    [0, "0"],
    [-3, "-3"],
    [1.5, "1.5"],
    [1e21, "1000000000000000000000"],
    [1.25e22, "12500000000000000000000"],
    [1e-7, "0.0000001"],
    [-2.5e-8, "-0.000000025"],
    [123.456, "123.456"],
  ])("%d → %s", (n, s) => {
    expect(goDecimal(n)).toBe(s);
  });
});
