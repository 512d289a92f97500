import { describe, expect, it } from "vitest";
import { digestIdFor, lockIdFor, lockKeyFor, stateKey, validateWorkspaceName, workspaceFromObjectKey } from "./keys";

const opts = { key: "network/terraform.tfstate", workspace_key_prefix: "env:" };

describe("stateKey", () => {
  it("uses key for default and prefix/workspace/key otherwise", () => {
    expect(stateKey(opts, "default")).toBe("network/terraform.tfstate");
    expect(stateKey(opts, "prod")).toBe("env:/prod/network/terraform.tfstate");
    expect(stateKey({ ...opts, workspace_key_prefix: "" }, "prod")).toBe("prod/network/terraform.tfstate");
    expect(stateKey({ ...opts, key: "a//b" }, "w")).toBe("env:/w/a/b");
  });
  it("refuses names that would alias another key", () => {
    for (const bad of ["", ".", "..", "a/b"]) expect(() => stateKey(opts, bad)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});

describe("validateWorkspaceName", () => {
  it("accepts names equal to their URL path escape", () => {
    for (const ok of ["prod", "a-b_c.d~e", "x$&+:=@y", "UPPER9"]) expect(validateWorkspaceName(ok)).toBe(ok);
  });
  it("rejects empty names and anything needing escaping, naming the workspace", () => {
    for (const bad of ["", "a b", "a/b", "é", "a?b", "a#b", "a%b", "a;b", "a,b"]) {
      expect(() => validateWorkspaceName(bad)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", details: { workspace: bad } }));
    }
  });
});

describe("workspaceFromObjectKey (the workspace list rule)", () => {
  it("strips prefix/, splits at the first slash and requires the rest to equal key exactly", () => {
    expect(workspaceFromObjectKey(opts, "env:/prod/network/terraform.tfstate")).toBe("prod");
    expect(workspaceFromObjectKey(opts, "env:/prod/network/terraform.tfstate.tflock")).toBeNull();
    expect(workspaceFromObjectKey(opts, "env:/prod/deeper/network/terraform.tfstate")).toBeNull();
    expect(workspaceFromObjectKey(opts, "env://network/terraform.tfstate")).toBeNull();
    expect(workspaceFromObjectKey(opts, "network/terraform.tfstate")).toBeNull();
    expect(workspaceFromObjectKey(opts, "envx/prod/network/terraform.tfstate")).toBeNull();
    expect(workspaceFromObjectKey(opts, "env:/default/network/terraform.tfstate")).toBeNull();
  });
  it("handles the empty prefix", () => {
    const o = { key: "terraform.tfstate", workspace_key_prefix: "" };
    expect(workspaceFromObjectKey(o, "dev/terraform.tfstate")).toBe("dev");
    expect(workspaceFromObjectKey(o, "terraform.tfstate")).toBeNull();
    expect(workspaceFromObjectKey(o, "dev/x/terraform.tfstate")).toBeNull();
  });
  it("never matches a key containing // (the tools write the cleaned key)", () => {
    const o = { key: "a//b.tfstate", workspace_key_prefix: "env:" };
    expect(workspaceFromObjectKey(o, stateKey(o, "w"))).toBeNull();
  });
});

it("names lock and digest locations as the tools do", () => {
  expect(lockKeyFor("env:/p/k")).toBe("env:/p/k.tflock");
  expect(lockIdFor("b", "env:/p/k")).toBe("b/env:/p/k");
  expect(digestIdFor("b", "env:/p/k")).toBe("b/env:/p/k-md5");
});
