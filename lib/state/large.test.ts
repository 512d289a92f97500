// Large inputs: checks results on a ~30 MB pair (30k instances, a few hundred changes).
// Nothing here asserts on time; the benchmark prints the figures.
import { describe, expect, it } from "vitest";
import { largeStateText } from "./__fixtures__/generate";
import { encode } from "./__fixtures__/load";
import { diffStates } from "./diff";
import { parseState } from "./parse";
import { readSerial, withSerial } from "./serial";
import { lineDiff, maskStateForDisplay } from "./text-diff";

describe("a 30 MB state pair", () => {
  const changed = new Set(Array.from({ length: 300 }, (_, i) => i * 97));
  const aText = largeStateText({ instances: 30_000 });
  const a = encode(aText);
  const b = encode(largeStateText({ instances: 30_000, serial: 2, changed }));

  it("parses, diffs structurally and by line, and bumps the serial", () => {
    expect(a.length).toBeGreaterThan(28_000_000);
    const ra = parseState(a);
    const rb = parseState(b);
    if (ra.kind !== "state" || rb.kind !== "state") throw new Error("not parsed");
    expect(ra.state.resources.reduce((n, r) => n + r.instances.length, 0)).toBe(30_000);

    const d = diffStates(ra.state, rb.state);
    expect(d.counts).toMatchObject({ changed: 300, unchanged: 29_700, added: 0, removed: 0 });
    expect(d.changed[0]?.attributes).toEqual([{ path: ["tags", "rev"], kind: "changed", before: "1", after: "2", sensitive: false }]);

    const hunks = lineDiff(maskStateForDisplay(a), maskStateForDisplay(b));
    expect(hunks.flatMap((h) => h.lines).filter((l) => l.kind === "+")).toHaveLength(301);
    expect(JSON.stringify(hunks)).not.toContain("pw-");

    const bumped = withSerial(a, 3n);
    expect(readSerial(bumped)).toBe(3n);
    expect(new TextDecoder().decode(bumped)).toBe(aText.replace('"serial": 1,', '"serial": 3,'));
  });
});
