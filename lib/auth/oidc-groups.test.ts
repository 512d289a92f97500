import { describe, expect, it } from "vitest";
import { groupsOverage, oidcGroups } from "@/lib/auth/oidc-groups";

describe("oidcGroups", () => {
  it("reads a list or a single string from the configured claim", () => {
    expect(oidcGroups({ groups: ["sre", "dev"] }, "groups")).toEqual(["sre", "dev"]);
    expect(oidcGroups({ roles: "ops" }, "roles")).toEqual(["ops"]);
    expect(oidcGroups({ groups: ["sre"] }, "roles")).toEqual([]);
  });
  it("ignores non-strings and names that would pose as GitHub teams", () => {
    expect(oidcGroups({ groups: ["ok", 3, null, "", "github:acme/admins"] }, "groups")).toEqual(["ok"]);
    // The prefix in any case: a rule may be written "GitHub:Acme/Admins".
    expect(oidcGroups({ groups: ["GitHub:Acme/Admins", "GITHUB:acme"] }, "groups")).toEqual([]);
  });
});

describe("groupsOverage", () => {
  const overage = { sub: "u1", _claim_names: { groups: "src1" }, _claim_sources: { src1: { endpoint: "https://graph.microsoft.com/v1.0/users/u1/getMemberObjects" } } };

  it("is Entra ID's link in place of the groups claim", () => {
    expect(groupsOverage(overage, "groups")).toBe(true);
    expect(groupsOverage({ ...overage, groups: ["a"] }, "groups")).toBe(false);
    // Another claim's overage does not concern the configured one.
    expect(groupsOverage(overage, "roles")).toBe(false);
    expect(groupsOverage({ sub: "u1" }, "groups")).toBe(false);
  });
});
