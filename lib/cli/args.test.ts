import { describe, expect, it } from "vitest";
import { expectPositionals, listOption, normalizeArgv, parseCommandArgs, stringOption, UsageError, type OptionSpecs } from "./args";

const specs: OptionSpecs = {
  chdir: { type: "string", description: "" },
  "backend-config": { type: "string", multiple: true, description: "" },
  workspace: { type: "string", short: "w", description: "" },
  force: { type: "boolean", description: "" },
};

describe("normalizeArgv", () => {
  it("turns Terraform's single-dash long options into double-dash ones", () => {
    expect(normalizeArgv(["-chdir=infra", "-backend-config=key=a=b", "-force", "-w", "prod"], new Set(Object.keys(specs)))).toEqual([
      "--chdir=infra",
      "--backend-config=key=a=b",
      "--force",
      "-w",
      "prod",
    ]);
  });
  it("leaves unknown names and everything after -- alone", () => {
    expect(normalizeArgv(["-frob", "--", "-force"], new Set(["force"]))).toEqual(["-frob", "--", "-force"]);
  });
});

describe("parseCommandArgs", () => {
  it("parses both spellings and keeps repeated -backend-config items in order", () => {
    const a = parseCommandArgs(["-backend-config=bucket=b", "--backend-config", "backend.hcl", "-chdir", "dir", "-wprod", "x"], specs);
    expect(listOption(a, "backend-config")).toEqual(["bucket=b", "backend.hcl"]);
    expect(stringOption(a, "chdir")).toBe("dir");
    expect(stringOption(a, "workspace")).toBe("prod");
    expect(a.positionals).toEqual(["x"]);
  });
  it("reports unknown options and missing values as usage errors naming the command", () => {
    expect(() => parseCommandArgs(["--nope"], specs, "lock")).toThrow(UsageError);
    try {
      parseCommandArgs(["--chdir"], specs, "lock");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).command).toBe("lock");
      expect((e as UsageError).message).toMatch(/chdir/);
    }
  });
});

describe("expectPositionals", () => {
  it("names what is missing and what is extra", () => {
    const args = { values: {}, positionals: ["a"] };
    expect(() => expectPositionals(args, ["A", "B"], "diff")).toThrow("Missing B.");
    expect(() => expectPositionals({ values: {}, positionals: ["a", "b", "c"] }, ["A", "B"], "diff")).toThrow('Unexpected argument "c".');
    expect(expectPositionals({ values: {}, positionals: ["a", "b"] }, ["A", "B"], "diff")).toEqual(["a", "b"]);
  });
});
