import { describe, expect, it } from "vitest";
import { StatehouseError } from "@/lib/errors";
import { inferType, typeExpression } from "./type-expr";

describe("typeExpression", () => {
  it("renders primitives, collections and dynamic", () => {
    expect(typeExpression("string")).toBe("string");
    expect(typeExpression("dynamic")).toBe("any");
    expect(typeExpression(["list", "string"])).toBe("list(string)");
    expect(typeExpression(["map", "number"])).toBe("map(number)");
    expect(typeExpression(["set", ["list", "bool"]])).toBe("set(list(bool))");
  });

  it("renders structural types with sorted attributes, nested", () => {
    expect(typeExpression(["tuple", ["string", "number"]])).toBe("tuple([string, number])");
    expect(typeExpression(["object", { b: ["list", "number"], a: "string" }])).toBe("object({ a = string, b = list(number) })");
    expect(typeExpression(["object", { z: ["object", { y: ["map", ["tuple", []]] }], "my-attr": "dynamic", B: "bool" }])).toBe(
      "object({ B = bool, my-attr = any, z = object({ y = map(tuple([])) }) })",
    );
    expect(typeExpression(["object", {}])).toBe("object({})");
    expect(typeExpression(["object", { "a b": "string" }])).toBe('object({ "a b" = string })');
    expect(typeExpression(["object", { a: "string", b: "number" }, ["b"]])).toBe("object({ a = string, b = optional(number) })");
  });

  it("rejects what is not a cty type", () => {
    for (const bad of ["str", ["list"], ["tuple", "string"], ["object", []], ["blob", "string"], 3, null]) {
      expect(() => typeExpression(bad)).toThrow(StatehouseError);
    }
  });
});

describe("inferType", () => {
  it("infers as cty does from JSON", () => {
    expect(inferType("x")).toBe("string");
    expect(inferType(1.5)).toBe("number");
    expect(inferType(true)).toBe("bool");
    expect(inferType(null)).toBe("dynamic");
    expect(inferType(["a", 1])).toEqual(["tuple", ["string", "number"]]);
    expect(inferType({ a: { b: [] } })).toEqual(["object", { a: ["object", { b: ["tuple", []] }] }]);
  });
});
