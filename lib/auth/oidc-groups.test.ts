import { describe, expect, it } from "vitest";
import { oidcGroups } from "@/lib/auth/oidc-groups";

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
