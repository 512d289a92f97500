/**
 * The single sign-on side of the e2e estate: the users of the test OpenID Provider
 * (e2e/support/oidc-idp.ts) and of the GitHub-shaped server (e2e/support/github-server.ts), and the
 * Statehouse `auth`/`roles` additions that map their groups and teams to roles. The demo script adds
 * them when the e2e harness names the servers (STATEHOUSE_DEMO_OIDC_ISSUER, STATEHOUSE_DEMO_GITHUB_URL).
 */

export const OIDC_CLIENT = { id: "statehouse", secret: "statehouse-e2e-oidc-client-secret", secretEnv: "STATEHOUSE_OIDC_CLIENT_SECRET" } as const;
export const GITHUB_CLIENT = { id: "Iv1.statehouse-e2e", secret: "statehouse-e2e-github-client-secret", secretEnv: "STATEHOUSE_GITHUB_CLIENT_SECRET" } as const;

export interface OidcTestUser {
  login: string;
  sub: string;
  name: string;
  email: string;
  emailVerified: boolean;
  groups: string[];
  /** Entra ID's group overage: the ID token names a Graph link (`_claim_names`/`_claim_sources`) instead of the groups. */
  overage?: boolean;
}

/** Their login is what the provider's sign-in form takes; any password is accepted. */
export const OIDC_USERS: readonly OidcTestUser[] = [
  { login: "ada", sub: "00u-ada-7f3k", name: "Ada Admin", email: "ada@acme.test", emailVerified: true, groups: ["statehouse-admins", "everyone"] },
  { login: "otto", sub: "00u-otto-2m9q", name: "Otto Operator", email: "otto@acme.test", emailVerified: true, groups: ["statehouse-operators", "everyone"] },
  { login: "vic", sub: "00u-vic-5t1z", name: "Vic Viewer", email: "vic@acme.test", emailVerified: true, groups: ["statehouse-viewers", "everyone"] },
  // Operator on prod-network only, through a backend-scoped rule; nothing elsewhere.
  { login: "nora", sub: "00u-nora-8c4d", name: "Nora Network", email: "nora@acme.test", emailVerified: true, groups: ["network-operators"] },
  // In no mapped group.
  { login: "mallory", sub: "00u-mallory-1x0x", name: "Mallory Marketing", email: "mallory@acme.test", emailVerified: true, groups: ["marketing"] },
  // Claims the address an `emails` admin rule names, but the provider has not verified it.
  { login: "eve", sub: "00u-eve-6u6u", name: "Eve Unverified", email: "lead@acme.test", emailVerified: false, groups: [] },
  // An operator whose group the tests take away (group changes take effect).
  { login: "gus", sub: "00u-gus-3g3g", name: "Gus Groupchange", email: "gus@acme.test", emailVerified: true, groups: ["statehouse-operators"] },
  // Signs out (here and everywhere): a user of its own, so no other test's session is revoked.
  { login: "sam", sub: "00u-sam-4s4s", name: "Sam Signout", email: "sam@acme.test", emailVerified: true, groups: ["statehouse-operators"] },
  { login: "olive", sub: "00u-olive-9o9o", name: "Olive Overage", email: "olive@acme.test", emailVerified: true, groups: ["statehouse-admins"], overage: true },
];

export interface GithubTestUser {
  login: string;
  id: number;
  name: string;
  emails: { email: string; verified: boolean; primary: boolean }[];
  orgs: string[];
  teams: { org: string; slug: string }[];
}

/** 130 teams of which the mapped one, acme/platform, is on the second page of 100. */
const MANY_TEAMS = [...Array.from({ length: 120 }, (_, i) => ({ org: "Acme", slug: `squad-${String(i).padStart(3, "0")}` })), { org: "Acme", slug: "Platform" }, ...Array.from({ length: 9 }, (_, i) => ({ org: "Other-Org", slug: `guild-${i}` }))];

export const GITHUB_USERS: readonly GithubTestUser[] = [
  { login: "Octo-Admin", id: 5001, name: "Octo Admin", emails: [{ email: "octo-admin@acme.test", verified: true, primary: true }], orgs: ["Acme"], teams: [{ org: "Acme", slug: "statehouse-admins" }] },
  { login: "many-teams", id: 5002, name: "Manny Teams", emails: [{ email: "manny@acme.test", verified: true, primary: true }], orgs: ["Acme", "Other-Org"], teams: MANY_TEAMS },
  { login: "org-only", id: 5003, name: "Olga Orgmember", emails: [{ email: "olga@acme.test", verified: true, primary: true }], orgs: ["Acme"], teams: [] },
  { login: "outsider", id: 5004, name: "Out Sider", emails: [{ email: "lead@acme.test", verified: false, primary: true }], orgs: ["Elsewhere"], teams: [] },
];

/** What the demo config gains for the SSO servers: providers beside the local (break-glass) users, and rules for their groups. */
export function ssoAuthSections(opts: { oidcIssuer?: string; githubUrl?: string }): { auth: Record<string, unknown>; roles: Record<string, unknown>[] } {
  const auth: Record<string, unknown> = {};
  const roles: Record<string, unknown>[] = [];
  if (opts.oidcIssuer) {
    auth.oidc = { name: "Acme SSO", issuer: opts.oidcIssuer, clientId: OIDC_CLIENT.id, clientSecretEnv: OIDC_CLIENT.secretEnv, groupsClaim: "groups", scope: "openid email profile groups" };
    roles.push(
      { role: "admin", groups: ["statehouse-admins"] },
      { role: "operator", groups: ["statehouse-operators"] },
      { role: "viewer", groups: ["statehouse-viewers"] },
      { role: "operator", groups: ["network-operators"], backends: ["prod-network"] },
      // Only a verified email may match this: eve claims it unverified.
      { role: "admin", emails: ["lead@acme.test"] },
    );
  }
  if (opts.githubUrl) {
    auth.github = { clientId: GITHUB_CLIENT.id, clientSecretEnv: GITHUB_CLIENT.secretEnv, baseUrl: opts.githubUrl };
    roles.push({ role: "admin", groups: ["github:acme/statehouse-admins"] }, { role: "operator", groups: ["github:acme/platform"] }, { role: "viewer", groups: ["github:acme"] });
  }
  return { auth, roles };
}
