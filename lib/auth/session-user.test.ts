import { describe, expect, it } from "vitest";
import { authSecret, secureCookies, secureCookiesFor, sessionCookieName } from "@/lib/auth/runtime-env";
import { githubSessionUser, oidcSessionUser, parseSessionUser } from "@/lib/auth/session-user";
import { ConfigError, InvalidInputError } from "@/lib/errors";

describe("sign-in users", () => {
  it("builds an OIDC user from ID token claims, with groups from the configured claim", () => {
    expect(oidcSessionUser({ sub: "abc", preferred_username: "lee", email: "lee@acme.io", email_verified: true, roles: ["sre"] }, "roles")).toEqual({
      id: "oidc:abc",
      name: "lee",
      email: "lee@acme.io",
      groups: ["sre"],
      provider: "oidc",
    });
  });
  it("ignores an unverified OIDC email and refuses a token without a subject", () => {
    expect(oidcSessionUser({ sub: "abc", email: "ceo@acme.io", email_verified: false }, "groups").email).toBeUndefined();
    // Some IdPs (e.g. Cognito) send the claim as a string.
    expect(oidcSessionUser({ sub: "abc", email: "ceo@acme.io", email_verified: "false" }, "groups").email).toBeUndefined();
    expect(oidcSessionUser({ sub: "abc", email: "ceo@acme.io", email_verified: "true" }, "groups").email).toBe("ceo@acme.io");
    expect(() => oidcSessionUser({ email: "x@y.z" }, "groups")).toThrow(InvalidInputError);
  });
  it("builds a GitHub user keyed by lowercase login", () => {
    expect(githubSessionUser({ login: "OctoCat", name: "The Octocat" }, "octo@github.com", ["github:acme"])).toEqual({
      id: "github:octocat",
      name: "The Octocat",
      email: "octo@github.com",
      groups: ["github:acme"],
      provider: "github",
    });
    expect(() => githubSessionUser({}, null, [])).toThrow(InvalidInputError);
  });
  it("reads a user back from a token and rejects anything malformed", () => {
    const user = { id: "local:a", name: "A", groups: ["g"], provider: "local" };
    expect(parseSessionUser(user)).toEqual(user);
    expect(parseSessionUser({ ...user, provider: "anonymous" })).toBeNull();
    expect(parseSessionUser({ ...user, groups: [1] })).toBeNull();
    expect(parseSessionUser({ ...user, id: "" })).toBeNull();
    expect(parseSessionUser(null)).toBeNull();
    expect(parseSessionUser("local:a")).toBeNull();
  });
});

describe("runtime environment", () => {
  it("requires NEXTAUTH_SECRET in production only", () => {
    expect(authSecret({ NEXTAUTH_SECRET: "s3cr3t", NODE_ENV: "production" })).toBe("s3cr3t");
    expect(() => authSecret({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => authSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: "" })).toThrow(/NEXTAUTH_SECRET/);
    expect(authSecret({ NODE_ENV: "development" })).toMatch(/development/);
  });
  it("uses secure cookies when the public URL is https", () => {
    expect(secureCookies({ NEXTAUTH_URL: "https://statehouse.example.com" })).toBe(true);
    expect(secureCookies({ NEXTAUTH_URL: "http://localhost:3000" })).toBe(false);
    expect(secureCookies({})).toBe(false);
  });

  it("uses secure cookies behind a TLS-terminating proxy (X-Forwarded-Proto: https), not over plain http", () => {
    const http = { NEXTAUTH_URL: "http://statehouse.internal:3000" };
    expect(secureCookiesFor("https", http)).toBe(true);
    expect(secureCookiesFor("HTTPS, http", http)).toBe(true);
    expect(secureCookiesFor("http", http)).toBe(false);
    expect(secureCookiesFor(null, http)).toBe(false);
    expect(secureCookiesFor(null, { NEXTAUTH_URL: "https://statehouse.example.com" })).toBe(true);
    expect(sessionCookieName(true)).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName(false)).toBe("next-auth.session-token");
  });
});
