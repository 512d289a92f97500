import { describe, expect, it } from "vitest";
import { StatehouseError } from "@/lib/errors";
import { encode, fixtureBytes } from "./__fixtures__/load";
import { SENSITIVE_MARKER } from "./mask";
import { formatUnified, lineDiff, maskStateForDisplay, MAX_EDIT_DISTANCE, prettyState, splitLines, type Hunk } from "./text-diff";

/** Applies hunks to a's lines; must reproduce b. Also checks every context/removed line against a. */
function applyHunks(aText: string, hunks: Hunk[]): string[] {
  const a = splitLines(aText);
  const out: string[] = [];
  let ai = 0;
  for (const h of hunks) {
    const start = h.aLines ? h.aStart - 1 : h.aStart;
    while (ai < start) out.push(a[ai++]!);
    for (const l of h.lines) {
      if (l.kind === "+") out.push(l.text);
      else {
        expect(a[ai]).toBe(l.text);
        if (l.kind === " ") out.push(l.text);
        ai++;
      }
    }
  }
  while (ai < a.length) out.push(a[ai++]!);
  return out;
}

function lcsLength(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  return dp[a.length]![b.length]!;
}

// Deterministic pseudo-random numbers so failures reproduce.
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

describe("lineDiff", () => {
  it("produces a minimal script whose hunks turn a into b (random cases)", () => {
    const rand = rng(7);
    for (let t = 0; t < 300; t++) {
      const a = Array.from({ length: Math.floor(rand() * 30) }, () => String.fromCharCode(97 + Math.floor(rand() * 4)));
      const b = a.filter(() => rand() > 0.2).flatMap((l) => (rand() > 0.8 ? [l, "x"] : [l]));
      const aText = a.join("\n") + (a.length ? "\n" : "");
      const bText = b.join("\n") + (b.length ? "\n" : "");
      const hunks = lineDiff(aText, bText, Math.floor(rand() * 4));
      expect(applyHunks(aText, hunks)).toEqual(b);
      const edits = hunks.flatMap((h) => h.lines).filter((l) => l.kind !== " ").length;
      expect(edits).toBe(a.length + b.length - 2 * lcsLength(a, b));
    }
  });

  it("numbers hunks like diff -u and keeps context", () => {
    const a = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"].join("\n") + "\n";
    const b = ["1", "2", "3", "4", "five", "6", "7", "8", "9", "10", "11", "12", "13"].join("\n") + "\n";
    const hunks = lineDiff(a, b);
    expect(hunks.map(({ aStart, aLines, bStart, bLines }) => [aStart, aLines, bStart, bLines])).toEqual([
      [2, 7, 2, 7],
      [10, 3, 10, 4],
    ]);
    expect(formatUnified(hunks, "a", "b")).toBe(
      "--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n",
    );
    expect(lineDiff("", "x\n")).toEqual([{ aStart: 0, aLines: 0, bStart: 1, bLines: 1, lines: [{ kind: "+", text: "x" }] }]);
    expect(lineDiff(a, a)).toEqual([]);
  });

  it("handles large texts with few changes, and falls back to a replacement beyond the edit limit", () => {
    const a = Array.from({ length: 200_000 }, (_, i) => `    "line_${i}": ${i},`);
    const b = a.slice();
    for (let i = 1000; i < 200_000; i += 1000) b[i] = `    "line_${i}": "changed",`;
    b.splice(50_000, 0, "inserted");
    const hunks = lineDiff(a.join("\n"), b.join("\n"));
    expect(hunks.length).toBe(199);
    expect(applyHunks(a.join("\n"), hunks)).toEqual(b);

    const x = Array.from({ length: MAX_EDIT_DISTANCE }, (_, i) => `x${i}`);
    const y = Array.from({ length: MAX_EDIT_DISTANCE }, (_, i) => `y${i}`);
    expect(applyHunks(x.join("\n"), lineDiff(x.join("\n"), y.join("\n")))).toEqual(y);
  });
});

describe("prettyState", () => {
  it("reproduces Terraform's indented layout exactly", () => {
    const bytes = fixtureBytes("v4-full.tfstate");
    expect(prettyState(bytes)).toBe(new TextDecoder().decode(bytes));
  });

  it("indents the compact OpenTofu form without touching any token", () => {
    const bytes = fixtureBytes("v4-compact-tofu.tfstate");
    const text = prettyState(bytes);
    expect(JSON.parse(text)).toEqual(JSON.parse(new TextDecoder().decode(bytes)));
    expect(text).toContain('"result": 9223372036854775807,');
    expect(text).toContain('"max": 18446744073709551615,');
    expect(text).toContain('"check_results": null\n}\n');
    expect(prettyState(encode('\uFEFF{"a":[],"b":{},"c":[1,{"d":"\\u003c"}]}'))).toBe('{\n  "a": [],\n  "b": {},\n  "c": [\n    1,\n    {\n      "d": "\\u003c"\n    }\n  ]\n}\n');
  });

  it("rejects what is not JSON", () => {
    expect(() => prettyState(encode("{nope"))).toThrow(StatehouseError);
    expect(() => maskStateForDisplay(encode("{nope"))).toThrow(StatehouseError);
  });
});

describe("maskStateForDisplay", () => {
  it("masks sensitive outputs and sensitive attribute paths, nothing else", () => {
    const text = maskStateForDisplay(fixtureBytes("v4-full.tfstate"));
    for (const secret of ["hunter2", "s3cr3t-db-pass", "db-1-secret.internal", "tok-private"]) expect(text).not.toContain(secret);
    expect(text).toContain(`"password": "${SENSITIVE_MARKER}"`);
    expect(text).toContain('"db-1.internal",');
    expect(text).toContain('"Name": "main"');
    expect(text).toContain('"vpc-123"');
    const masked = JSON.parse(text);
    expect(masked.resources[1].instances[0].attributes.endpoints).toEqual(["db-1.internal", SENSITIVE_MARKER]);
    expect(masked.outputs.db_password.value).toBe(SENSITIVE_MARKER);
  });

  it("masks sensitive outputs of legacy states in every module", () => {
    const text = maskStateForDisplay(fixtureBytes("v3-legacy.tfstate"));
    expect(text).not.toContain("p@ss");
    expect(text).toContain('"not visible at root"');
  });

  it("keeps a masked text diff free of secrets", () => {
    const a = fixtureBytes("v4-full.tfstate");
    const b = encode(new TextDecoder().decode(a).replace("s3cr3t-db-pass", "rotated-pass").replace('"serial": 42', '"serial": 43'));
    const hunks = lineDiff(maskStateForDisplay(a), maskStateForDisplay(b));
    expect(hunks).toHaveLength(1);
    expect(JSON.stringify(hunks)).not.toMatch(/s3cr3t|rotated-pass/);
  });
});
