import { stringifyWithBigInt } from "@/lib/util/json-bigint";
import { describe, expect, it } from "vitest";
import { StateUnreadableError } from "@/lib/errors";
import { instanceAttributes } from "@/lib/domain/state";
import { ATTRIBUTE_BASE_DEPTH, deepState, nestedValue } from "@/testkit/deep-state";
import { assertNestingWithin, MAX_NESTING_DEPTH, nestingTooDeepAt } from "./depth";
import { deepEqual, diffStates } from "./diff";
import { maskValue, SENSITIVE_MARKER } from "./mask";
import { parseState } from "./parse";
import { prettyJson } from "./pretty";
import { flatOutputAttributes, remoteStateOutputs } from "./remote-state";
import { lineDiff, maskStateForDisplay } from "./text-diff";
import type { ParsedState } from "./types";

const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s);
/** The deepest attribute a readable state may hold. */
const AT_LIMIT = MAX_NESTING_DEPTH - ATTRIBUTE_BASE_DEPTH;

function parsed(text: string): ParsedState {
  const r = parseState(bytes(text));
  if (r.kind !== "state") throw new Error(`expected a state, got ${r.kind}: ${"message" in r ? r.message : ""}`);
  return r.state;
}

describe("nesting depth", () => {
  it("JSON.parse itself copes with 100,000 levels, but a recursive walk over the result does not", () => {
    const doc: unknown = JSON.parse(nestedValue(100_000, "x"));
    expect(Array.isArray(doc)).toBe(true);
    expect(() => JSON.stringify(doc)).toThrow(RangeError);
  });

  it("counts levels outside strings only and finds the first one too deep", () => {
    expect(nestingTooDeepAt(bytes('["[[[[", {"a": "{{{"}]'), 2)).toBe(-1);
    expect(nestingTooDeepAt(bytes('[["\\"[", [1]]]'), 2)).toBe(9);
    expect(nestingTooDeepAt(bytes(nestedValue(MAX_NESTING_DEPTH, "x")))).toBe(-1);
    expect(nestingTooDeepAt(bytes(nestedValue(MAX_NESTING_DEPTH + 1, "x")))).toBe(MAX_NESTING_DEPTH);
    expect(() => assertNestingWithin(bytes(nestedValue(100_000, "x")))).toThrow(StateUnreadableError);
  });

  it("a state with an attribute nested 100,000 levels reads as corrupt, saying it is too deeply nested", () => {
    const r = parseState(bytes(deepState(100_000)));
    expect(r.kind).toBe("corrupt");
    expect(r).toMatchObject({ message: expect.stringMatching(/nested more than 1,000 levels deep/), position: expect.any(Number) });
    expect(parseState(bytes(deepState(AT_LIMIT + 1))).kind).toBe("corrupt");
  });

  it("the text view and the masked text view refuse it with a typed error, not a stack overflow", () => {
    for (const view of [(b: Uint8Array) => prettyJson(b), maskStateForDisplay]) {
      expect(() => view(bytes(deepState(100_000)))).toThrow(StateUnreadableError);
      expect(() => view(bytes(deepState(100_000)))).toThrow(/nested more than 1,000 levels/);
    }
  });

  describe("every walk over values works at the deepest state that reads", () => {
    const a = deepState(AT_LIMIT, { serial: 1, leaf: "before" });
    const b = deepState(AT_LIMIT, { serial: 2, leaf: "after" });

    it("text view, masked text view and the line diff", () => {
      const text = maskStateForDisplay(bytes(a));
      expect(text).toContain(`"password": ${stringifyWithBigInt(SENSITIVE_MARKER)}`);
      expect(text).not.toContain("deep-secret-pw");
      expect(prettyJson(bytes(a)).split("\n").length).toBeGreaterThan(4 * AT_LIMIT);
      const hunks = lineDiff(text, maskStateForDisplay(bytes(b)));
      const edited = (kind: string) => hunks.flatMap((h) => h.lines.filter((l) => l.kind === kind).map((l) => l.text.trim()));
      expect(edited("-")).toEqual(['"serial": 1,', '"before"', '"before"']);
      expect(edited("+")).toEqual(['"serial": 2,', '"after"', '"after"']);
    });

    it("structural diff and deep equality", () => {
      const d = diffStates(parsed(a), parsed(b));
      expect(d.changed).toHaveLength(1);
      const change = d.changed[0]!.attributes[0]!;
      expect(change.path).toHaveLength(AT_LIMIT + 1);
      expect(change).toMatchObject({ kind: "changed", before: "before", after: "after", sensitive: false });
      expect(deepEqual(parsed(a).resources[0]!.instances[0]!.attributes, parsed(a).resources[0]!.instances[0]!.attributes)).toBe(true);
      expect(stringifyWithBigInt(d).length).toBeGreaterThan(AT_LIMIT);
    });

    it("masking, instance attributes and the remote-state view", () => {
      const state = parsed(a);
      const inst = instanceAttributes(state, "aws_instance.deep");
      expect(inst.attributes).toMatchObject({ id: "i-deep", password: SENSITIVE_MARKER });
      expect(stringifyWithBigInt(inst)).toContain('"before"');
      const path = Array.from({ length: AT_LIMIT }, () => 0);
      const masked = maskValue(state.resources[0]!.instances[0]!.attributes, [["deep", ...path]]);
      expect(stringifyWithBigInt(masked)).not.toContain('"before"');
      const view = remoteStateOutputs(state);
      expect(view.outputs.deep!.typeExpression).toBe("any");
      const flat = flatOutputAttributes(view.outputs);
      expect(flat).toHaveLength(AT_LIMIT + 1);
      expect(flat.at(-1)).toMatch(/^outputs\.deep(\.0)+ = "before"$/);
    });
  });
});
