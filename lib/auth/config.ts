import { z } from "zod";
import { ConfigError } from "@/lib/errors";
import { configErrorFromZod } from "./config-problems";
import { DEMO_ACCOUNTS } from "./demo";
import { hasGithubPrefix } from "./github-groups";
import { ROLES } from "./types";

const EIGHT_HOURS = 8 * 60 * 60;
const TWELVE_HOURS = 12 * 60 * 60;
const THIRTY_DAYS = 30 * 24 * 60 * 60;
const DEMO_USERNAMES = new Set(DEMO_ACCOUNTS.map((a) => a.username));
const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "must be the name of an environment variable" });
// bcrypt modular crypt format ($2a$/$2b$/$2y$, cost, 53 chars of salt+hash): catches a pasted plain password early.
const bcryptHash = z.string().regex(/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/, { error: "must be a bcrypt hash ($2b$10$...), never a plain password" });

const localUserSchema = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, { error: "1-64 letters, digits or . _ @ -" }),
  passwordHash: bcryptHash,
  name: z.string().min(1).optional(),
  email: z.email().optional(),
  groups: z.array(z.string().min(1)).optional(),
});

const oidcSchema = z.strictObject({
  name: z.string().min(1).default("Single sign-on"),
  issuer: z.url({ protocol: /^https?$/ }),
  clientId: z.string().min(1),
  clientSecretEnv: envVarName,
  groupsClaim: z.string().min(1).default("groups"),
  scope: z.string().min(1).default("openid email profile"),
});

const githubSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecretEnv: envVarName,
  // GitHub Enterprise Server: its web address (https://github.example.com); the API is <baseUrl>/api/v3 unless apiUrl says otherwise.
  baseUrl: z.url({ protocol: /^https?$/ }).default("https://github.com"),
  apiUrl: z.url({ protocol: /^https?$/ }).optional(),
});

// Attempts allowed per window; a window is counted from its first attempt (fixed window).
const limitSchema = z.strictObject({
  attempts: z.int().min(1).max(100_000),
  windowSeconds: z.int().min(1).max(24 * 60 * 60),
});

const signInLimitsSchema = z.strictObject({
  perUser: limitSchema.default({ attempts: 10, windowSeconds: 15 * 60 }),
  perAddress: limitSchema.default({ attempts: 50, windowSeconds: 15 * 60 }),
  // bcrypt compares running at once, and waiting for a slot: beyond both, a sign-in is refused as busy.
  concurrentHashes: z.int().min(1).max(64).default(2),
  queuedHashes: z.int().min(0).max(10_000).default(32),
});

const authSchema = z
  .strictObject({
    // The idle timeout: a session not used for this long ends.
    sessionMaxAgeSeconds: z.int().min(60).max(THIRTY_DAYS).default(EIGHT_HOURS),
    // The absolute lifetime, counted from sign-in: a session in constant use still ends.
    sessionAbsoluteMaxAgeSeconds: z.int().min(60).max(THIRTY_DAYS).default(TWELVE_HOURS),
    signInLimits: signInLimitsSchema.prefault({}),
    demo: z.boolean().default(false),
    anonymous: z.literal("viewer", { error: 'the only anonymous access is "viewer"' }).optional(),
    defaultRole: z.enum(ROLES).optional(),
    localUsers: z.array(localUserSchema).default([]),
    oidc: oidcSchema.optional(),
    github: githubSchema.optional(),
  })
  .superRefine((auth, ctx) => {
    const seen = new Set<string>();
    auth.localUsers.forEach((u, i) => {
      if (seen.has(u.username)) ctx.addIssue({ code: "custom", path: ["localUsers", i, "username"], message: `duplicate username "${u.username}"` });
      seen.add(u.username);
      // Their passwords are published: a config copied from the demo must not keep them signing in.
      if (!auth.demo && DEMO_USERNAMES.has(u.username)) {
        ctx.addIssue({ code: "custom", path: ["localUsers", i, "username"], message: `"${u.username}" is reserved for the demo (auth.demo: true); its password is public` });
      }
    });
  });

const ruleSchema = z
  .strictObject({
    role: z.enum(ROLES),
    // GitHub logins are case-insensitive and session ids lowercase them.
    users: z.array(z.string().min(1).transform((u) => (hasGithubPrefix(u) ? u.toLowerCase() : u))).optional(),
    emails: z.array(z.email()).optional(),
    emailDomains: z.array(z.string().regex(/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, { error: "a domain such as example.com (no @)" })).optional(),
    // GitHub org/team names are case-insensitive and fetchGithubGroups lowercases them; match that here.
    groups: z.array(z.string().min(1).transform((g) => (hasGithubPrefix(g) ? g.toLowerCase() : g))).optional(),
    backends: z.array(z.string().min(1)).min(1, { error: "omit backends to apply to all of them" }).optional(),
  })
  .refine((r) => [r.users, r.emails, r.emailDomains, r.groups].some((list) => list && list.length > 0), {
    error: "a rule needs users, emails, emailDomains or groups (use auth.defaultRole to give everyone a role)",
  });

export type AuthConfig = z.output<typeof authSchema>;
export type SignInLimits = z.output<typeof signInLimitsSchema>;
export type LocalUserConfig = z.output<typeof localUserSchema>;
export type OidcConfig = z.output<typeof oidcSchema>;
export type GithubConfig = z.output<typeof githubSchema>;
export type RoleRule = z.output<typeof ruleSchema>;

/** Validates the config file's `auth` section; absent means "local users only, none configured". */
export function parseAuthConfig(raw: unknown): AuthConfig {
  const parsed = authSchema.safeParse(raw ?? {});
  if (!parsed.success) throw configErrorFromZod("auth", parsed.error);
  return parsed.data;
}

/**
 * Validates the `roles` section. Backend names are checked against the configured backends,
 * because a typo there would silently give nobody access.
 */
export function parseRolesConfig(raw: unknown, backendNames: readonly string[]): RoleRule[] {
  const parsed = z.array(ruleSchema).safeParse(raw ?? []);
  if (!parsed.success) throw configErrorFromZod("roles", parsed.error);
  const known = new Set(backendNames);
  const problems = parsed.data.flatMap((rule, i) =>
    (rule.backends ?? []).filter((b) => !known.has(b)).map((b) => ({ option: `roles[${i}].backends`, message: `unknown backend "${b}"` })),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}
