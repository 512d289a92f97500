import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseState } from "@/lib/state/parse";
import { goDecimal, goDecimalText, goMarshalIndent } from "@/lib/gocompat/json";
import { JsonNumber, parseLossless } from "./lossless-json";
import { terraformOutputJson } from "./terraform-output";

const fixtures = path.resolve(__dirname, "../../test/aws/cli/__fixtures__");

describe("terraformOutputJson", () => {
  it("prints exactly the document `terraform output -json` prints", () => {
    const bytes = readFileSync(path.join(fixtures, "outputs.tfstate"));
    const r = parseState(bytes);
    if (r.kind !== "state") throw new Error(`fixture parsed as ${r.kind}`);
    const expected = readFileSync(path.join(fixtures, "outputs.expected.json"), "utf8");
    expect(terraformOutputJson(r.state, bytes)).toBe(expected);
  });

  it("prints {} when there is no state", () => {
    expect(terraformOutputJson(null, new Uint8Array())).toBe("{}\n");
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

describe("goDecimalText", () => {
  it.each([
    ["12345678901234567890", "12345678901234567890"],
    ["1.50e2", "150"],
    ["0.000", "0"],
    ["-0", "-0"],
    ["00012.3400", "12.34"],
    ["5E-3", "0.005"],
  ])("%s → %s", (literal, s) => {
    expect(goDecimalText(literal)).toBe(s);
  });
});

describe("parseLossless", () => {
  it("keeps number literals and treats __proto__ as an ordinary key", () => {
    const v = parseLossless('{"a": [1.10, -2e400, "x\\u0041"], "__proto__": {"b": null}}') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(["a", "__proto__"]);
    expect(v.a).toEqual([new JsonNumber("1.10"), new JsonNumber("-2e400"), "xA"]);
    expect(goMarshalIndent(v)).toContain('"__proto__": {\n    "b": null\n  }');
  });
  it("rejects broken JSON with a typed error", () => {
    expect(() => parseLossless('{"a": }')).toThrow(/Invalid JSON: unexpected character/);
    expect(() => parseLossless("[1] x")).toThrow(/after the value/);
  });
});
