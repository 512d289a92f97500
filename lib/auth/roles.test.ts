import { describe, expect, it } from "vitest";
import { parseRolesConfig } from "@/lib/auth/config";
import { can, minimumRole, roleFor, type RolePolicy } from "@/lib/auth/roles";
import { ACTIONS, ANONYMOUS_USER, type Role, type SessionUser } from "@/lib/auth/types";

const BACKENDS = ["prod-network", "prod-data", "staging"];

function user(partial: Partial<SessionUser>): SessionUser {
  return { id: "local:someone", name: "Someone", groups: [], provider: "local", ...partial };
}

function policy(rules: unknown, extra: Partial<RolePolicy> = {}): RolePolicy {
  return { rules: parseRolesConfig(rules, BACKENDS), ...extra };
}

describe("roleFor", () => {
  it("matches a user id exactly", () => {
    const p = policy([{ role: "operator", users: ["local:alice"] }]);
    expect(roleFor(user({ id: "local:alice" }), "staging", p)).toBe("operator");
    expect(roleFor(user({ id: "local:alicia" }), "staging", p)).toBeNull();
    expect(roleFor(user({ id: "github:alice", provider: "github" }), "staging", p)).toBeNull();
  });

  it("matches emails and email domains case-insensitively, but not subdomains or lookalikes", () => {
    const p = policy([
      { role: "admin", emails: ["Boss@Example.com"] },
      { role: "viewer", emailDomains: ["example.com"] },
    ]);
    expect(roleFor(user({ email: "boss@example.COM" }), "staging", p)).toBe("admin");
    expect(roleFor(user({ email: "dev@EXAMPLE.com" }), "staging", p)).toBe("viewer");
    expect(roleFor(user({ email: "dev@evil-example.com" }), "staging", p)).toBeNull();
    expect(roleFor(user({ email: "dev@sub.example.com" }), "staging", p)).toBeNull();
    expect(roleFor(user({}), "staging", p)).toBeNull();
  });

  it("matches OIDC groups and GitHub teams (team names case-insensitive)", () => {
    const p = policy([
      { role: "operator", groups: ["sre"] },
      { role: "admin", groups: ["GitHub:Acme/Platform"] },
    ]);
    expect(roleFor(user({ provider: "oidc", groups: ["dev", "sre"] }), "staging", p)).toBe("operator");
    expect(roleFor(user({ provider: "github", groups: ["github:acme", "github:acme/platform"] }), "staging", p)).toBe("admin");
    expect(roleFor(user({ provider: "github", groups: ["github:acme"] }), "staging", p)).toBeNull();
  });

  it("applies per-backend rules: a lead is admin on prod-network and viewer on prod-data", () => {
    const p = policy([
      { role: "viewer", emailDomains: ["acme.io"] },
      { role: "admin", users: ["oidc:lead"], backends: ["prod-network"] },
    ]);
    const lead = user({ id: "oidc:lead", email: "lead@acme.io", provider: "oidc" });
    expect(roleFor(lead, "prod-network", p)).toBe("admin");
    expect(roleFor(lead, "prod-data", p)).toBe("viewer");
    // Global role (things spanning backends) only counts rules without `backends`.
    expect(roleFor(lead, null, p)).toBe("viewer");
  });

  it("takes the highest matching rule regardless of order", () => {
    const p = policy([
      { role: "admin", groups: ["ops"] },
      { role: "viewer", groups: ["ops"] },
      { role: "operator", groups: ["ops"] },
    ]);
    expect(roleFor(user({ groups: ["ops"] }), "staging", p)).toBe("admin");
  });

  it("gives defaultRole to everyone signed in, never lowering a matching rule", () => {
    const p = policy([{ role: "admin", users: ["local:root"] }], { defaultRole: "viewer" });
    expect(roleFor(user({ id: "local:nobody" }), "staging", p)).toBe("viewer");
    expect(roleFor(user({ id: "local:root" }), "staging", p)).toBe("admin");
  });

  it("gives anonymous visitors only the configured anonymous role", () => {
    const rules = [{ role: "admin", users: ["anonymous"] }, { role: "admin", groups: [] as string[], users: ["x"] }];
    expect(roleFor(ANONYMOUS_USER, "staging", policy(rules))).toBeNull();
    expect(roleFor(ANONYMOUS_USER, "staging", policy(rules, { anonymous: "viewer", defaultRole: "admin" }))).toBe("viewer");
    expect(roleFor(user({}), "staging", policy(rules, { anonymous: "viewer" }))).toBe("viewer");
  });
});

describe("can", () => {
  const expected: Record<Role, string[]> = {
    viewer: ["read"],
    operator: ["read", "unlock"],
    admin: ["read", "reveal", "unlock", "restore", "repairDigest", "viewAudit"],
  };
  for (const [role, allowed] of Object.entries(expected) as [Role, string[]][]) {
    it(`${role} may ${allowed.join(", ")} and nothing else`, () => {
      expect(ACTIONS.filter((a) => can(role, a))).toEqual(allowed);
    });
  }
  it("no role may do nothing", () => {
    expect(ACTIONS.filter((a) => can(null, a))).toEqual([]);
  });
  it("names the minimum role", () => {
    expect(minimumRole("unlock")).toBe("operator");
    expect(minimumRole("restore")).toBe("admin");
  });
});
