import { describe, expect, it } from "vitest";
import { goPathClean, goPathJoin } from "./path";

describe("Go path.Join / path.Clean", () => {
  it.each([
    [["env:", "prod", "terraform.tfstate"], "env:/prod/terraform.tfstate"],
    [["env:", "prod", "a//b.tfstate"], "env:/prod/a/b.tfstate"],
    [["env:", "prod", "./a/./b"], "env:/prod/a/b"],
    [["env:", "prod", "../x"], "env:/x"],
    [["", "prod", "key"], "prod/key"],
    [["a/", "/b/"], "a/b"],
    [["..", "x"], "../x"],
    [["", ""], ""],
  ])("Join(%j) = %s", (elems, want) => {
    expect(goPathJoin(...elems)).toBe(want);
  });
  it.each([
    ["", "."],
    ["/", "/"],
    ["/../a", "/a"],
    ["a/b/../..", "."],
    ["a/../../b", "../b"],
    ["abc//def//ghi/", "abc/def/ghi"],
  ])("Clean(%j) = %s", (p, want) => expect(goPathClean(p)).toBe(want));
});
