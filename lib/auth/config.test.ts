import { describe, expect, it } from "vitest";
import { parseAuthConfig, parseRolesConfig } from "@/lib/auth/config";
import { demoAuthSections } from "@/lib/auth/demo";
import { parseAuditConfig } from "@/lib/audit/config";
import { securitySettingsFrom } from "@/lib/auth/settings";
import { ConfigError } from "@/lib/errors";

const HASH = "$2b$10$" + "a".repeat(53);

function problemsOf(fn: () => unknown): { option?: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("auth config", () => {
  it("applies defaults when absent", () => {
    const auth = parseAuthConfig(undefined);
    expect(auth).toMatchObject({ sessionMaxAgeSeconds: 28_800, demo: false, localUsers: [] });
    expect(auth.anonymous).toBeUndefined();
  });

  it("accepts every provider", () => {
    const auth = parseAuthConfig({
      sessionMaxAgeSeconds: 3600,
      localUsers: [{ username: "alice", passwordHash: HASH, email: "alice@example.com", groups: ["sre"] }],
      oidc: { issuer: "https://idp.example.com/realms/x", clientId: "statehouse", clientSecretEnv: "OIDC_SECRET", groupsClaim: "roles" },
      github: { clientId: "gh", clientSecretEnv: "GITHUB_SECRET" },
    });
    expect(auth.oidc).toMatchObject({ name: "Single sign-on", scope: "openid email profile", groupsClaim: "roles" });
  });

  it("names the offending option", () => {
    expect(problemsOf(() => parseAuthConfig({ localUsers: [{ username: "bob", passwordHash: "hunter2" }] }))).toEqual([
      expect.objectContaining({ option: "auth.localUsers[0].passwordHash", message: expect.stringContaining("bcrypt") }),
    ]);
    expect(problemsOf(() => parseAuthConfig({ anonymous: "admin" }))[0]?.option).toBe("auth.anonymous");
    expect(problemsOf(() => parseAuthConfig({ sessionMaxAgeSeconds: 5 }))[0]?.option).toBe("auth.sessionMaxAgeSeconds");
    expect(problemsOf(() => parseAuthConfig({ oidc: { issuer: "not a url", clientId: "x", clientSecretEnv: "S" } }))[0]?.option).toBe("auth.oidc.issuer");
    expect(problemsOf(() => parseAuthConfig({ github: { clientId: "x", clientSecret: "inline" } })).map((p) => p.option)).toEqual(
      expect.arrayContaining(["auth.github.clientSecretEnv", "auth.github"]),
    );
  });

  it("refuses duplicate local usernames", () => {
    const users = [{ username: "a", passwordHash: HASH }, { username: "a", passwordHash: HASH }];
    expect(problemsOf(() => parseAuthConfig({ localUsers: users }))[0]).toMatchObject({ option: "auth.localUsers[1].username" });
  });
});

describe("demo accounts", () => {
  it("are refused unless auth.demo is true: their passwords are published", () => {
    const demo = demoAuthSections().auth;
    const copied = { localUsers: demo.localUsers };
    expect(problemsOf(() => parseAuthConfig(copied)).map((p) => p.option)).toEqual(["auth.localUsers[0].username", "auth.localUsers[1].username", "auth.localUsers[2].username"]);
    expect(problemsOf(() => parseAuthConfig({ ...copied, demo: false }))[0]?.message).toMatch(/reserved for the demo/);
    expect(parseAuthConfig(demo).localUsers).toHaveLength(3);
  });
});

describe("roles config", () => {
  it("refuses rules that match nobody, unknown roles and unknown backends", () => {
    expect(problemsOf(() => parseRolesConfig([{ role: "admin" }], []))[0]?.option).toBe("roles[0]");
    expect(problemsOf(() => parseRolesConfig([{ role: "root", users: ["x"] }], []))[0]?.option).toBe("roles[0].role");
    expect(problemsOf(() => parseRolesConfig([{ role: "viewer", users: ["x"], backends: ["prod-netwrok"] }], ["prod-network"]))).toEqual([
      { option: "roles[0].backends", message: 'unknown backend "prod-netwrok"' },
    ]);
    expect(problemsOf(() => parseRolesConfig({ role: "viewer" }, []))[0]?.option).toBe("roles");
  });
});

describe("audit config", () => {
  it("defaults the prefix and refuses slashes at its ends", () => {
    expect(parseAuditConfig({ s3: { bucket: "audit-bucket" } }).s3?.prefix).toBe("statehouse-audit");
    expect(parseAuditConfig(undefined).s3).toBeUndefined();
    expect(problemsOf(() => parseAuditConfig({ s3: { bucket: "b-b", prefix: "/x/" } }))[0]?.option).toBe("audit.s3.prefix");
  });
});

describe("security settings", () => {
  it("combines the three sections into a role policy", () => {
    const settings = securitySettingsFrom({
      backends: [{ name: "prod", options: { bucket: "b", key: "k", workspace_key_prefix: "env:" }, source: "inline" }],
      auth: { anonymous: "viewer", defaultRole: "operator" },
      roles: [{ role: "admin", groups: ["sre"], backends: ["prod"] }],
      audit: undefined,
    });
    expect(settings.policy).toEqual({ rules: [{ role: "admin", groups: ["sre"], backends: ["prod"] }], defaultRole: "operator", anonymous: "viewer" });
    expect(settings.audit).toEqual({});
    expect(() => securitySettingsFrom({ backends: [], auth: {}, roles: [{ role: "admin", groups: ["sre"], backends: ["prod"] }], audit: {} })).toThrow(ConfigError);
  });
});
