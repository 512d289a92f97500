import "server-only";
import { cache } from "react";
import { getServerSession, type AuthOptions, type Session, type User } from "next-auth";
import { getToken, type JWT } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { recordAudit } from "@/lib/domain/audit";
import { auditWho, type AuditEvent } from "@/lib/audit/event";
import { verifiedGithubEmail } from "@/lib/auth/github-email";
import { githubEndpoints } from "@/lib/auth/github-api";
import { fetchGithubGroups } from "@/lib/auth/github-groups";
import { groupsOverage } from "@/lib/auth/oidc-groups";
import { oidcEndSessionUrl } from "@/lib/auth/oidc-logout";
import { noteSignInFailure } from "@/lib/auth/sign-in-failure";
import { BASE_PATH, withBasePath } from "@/lib/browser-safe/base-path";
import { HashSlots } from "@/lib/auth/hash-slots";
import { verifyLocalUser } from "@/lib/auth/local-users";
import { sessionPastAbsoluteLifetime } from "@/lib/auth/session-age";
import { SignInGuard, type Lockout, type SignInVerdict } from "@/lib/auth/sign-in-guard";
import { can, minimumRole, roleFor } from "@/lib/auth/roles";
import { authSecret, secureCookies, secureCookiesFor } from "@/lib/auth/runtime-env";
import { githubSessionUser, oidcSessionUser, parseSessionUser } from "@/lib/auth/session-user";
import { isRevoked, sessionsNotBefore, signOutEverywhere } from "@/lib/domain/sessions";
import { getSecuritySettings, type SecuritySettings } from "@/lib/domain/settings";
import { ANONYMOUS_USER, type Action, type Role, type SessionUser } from "@/lib/auth/types";
import { ConfigError, ForbiddenError, UnauthenticatedError } from "@/lib/errors";

/**
 * next-auth wiring and the helpers server code uses to check who is asking.
 * Sessions are JWTs holding only the SessionUser and its sign-in time; roles are computed per
 * request from the config, so role changes apply without signing in again.
 */

// What our jwt callback keeps in the token besides next-auth's defaults.
interface StatehouseToken extends JWT {
  user?: unknown;
  signedInAt?: number;
  /** An OIDC sign-in's ID token, kept only as `id_token_hint` for the provider's end-session endpoint. */
  idToken?: string;
}

class SessionRevokedError extends Error {}

function envSecret(name: string, option: string): string {
  const value = process.env[name];
  if (!value) throw new ConfigError([{ option, message: `environment variable ${name} is not set` }]);
  return value;
}

function providersFor({ auth }: SecuritySettings, slots: HashSlots): AuthOptions["providers"] {
  const providers: AuthOptions["providers"] = [];
  if (auth.localUsers.length > 0) {
    providers.push(
      CredentialsProvider({
        id: "local",
        name: "Username and password",
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const user = await verifyLocalUser(auth.localUsers, credentials?.username, credentials?.password, slots);
          if (!user) return null;
          const signedIn: User & { sessionUser: SessionUser } = { id: user.id, name: user.name, email: user.email ?? null, sessionUser: user };
          return signedIn;
        },
      }),
    );
  }
  if (auth.oidc) {
    const oidc: OAuthConfig<Record<string, unknown>> = {
      id: "oidc",
      name: auth.oidc.name,
      type: "oauth",
      wellKnown: `${auth.oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: auth.oidc.clientId,
      clientSecret: envSecret(auth.oidc.clientSecretEnv, "auth.oidc.clientSecretEnv"),
      authorization: { params: { scope: auth.oidc.scope } },
      idToken: true,
      // openid-client checks the ID token's signature (keys from jwks_uri, fetched anew at each sign-in), iss, aud, exp and nonce.
      checks: ["pkce", "state", "nonce"],
      profile: (claims) => ({ id: String(claims.sub), name: typeof claims.name === "string" ? claims.name : null, email: null }),
    };
    providers.push(oidc);
  }
  if (auth.github) {
    const gh = githubEndpoints(auth.github);
    const github: OAuthConfig<Record<string, unknown>> = {
      id: "github",
      name: "GitHub",
      type: "oauth",
      // read:org lets /user/orgs and /user/teams include private memberships.
      authorization: { url: gh.authorize, params: { scope: "read:user user:email read:org" } },
      token: gh.token,
      userinfo: { url: `${gh.api}/user`, request: async ({ client, tokens }) => (await client.userinfo(tokens.access_token ?? "")) as Record<string, unknown> },
      clientId: auth.github.clientId,
      clientSecret: envSecret(auth.github.clientSecretEnv, "auth.github.clientSecretEnv"),
      checks: ["state"],
      profile: (p) => ({ id: String(p.id), name: typeof p.name === "string" ? p.name : typeof p.login === "string" ? p.login : null, email: typeof p.email === "string" ? p.email : null }),
    };
    providers.push(github);
  }
  return providers;
}

async function sessionUserAtSignIn(settings: SecuritySettings, provider: string, user: User, profile: unknown, accessToken: string | undefined): Promise<SessionUser> {
  const claims = (profile ?? {}) as Record<string, unknown>;
  if (provider === "local") return (user as User & { sessionUser: SessionUser }).sessionUser;
  if (provider === "oidc") return oidcSessionUser(claims, settings.auth.oidc?.groupsClaim ?? "groups");
  if (provider === "github") {
    if (!accessToken) return githubSessionUser(claims, null, []);
    const { api } = githubEndpoints(settings.auth.github ?? {});
    const [email, groups] = await Promise.all([verifiedGithubEmail(accessToken, user.email, api), fetchGithubGroups(accessToken, api)]);
    return githubSessionUser(claims, email, groups);
  }
  throw new ConfigError(`Unknown sign-in provider "${provider}".`);
}

/**
 * next-auth's cookies, scoped to the path prefix Statehouse is served under (same names as its defaults, but
 * the CSRF cookie loses `__Host-`, which requires path "/"): another app on the host never receives them.
 */
function cookiesUnder(path: string, secure: boolean): AuthOptions["cookies"] {
  const prefix = secure ? "__Secure-" : "";
  const options = { httpOnly: true, sameSite: "lax" as const, path, secure };
  const shortLived = { ...options, maxAge: 15 * 60 };
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    csrfToken: { name: `${prefix}next-auth.csrf-token`, options },
    pkceCodeVerifier: { name: `${prefix}next-auth.pkce.code_verifier`, options: shortLived },
    state: { name: `${prefix}next-auth.state`, options: shortLived },
    nonce: { name: `${prefix}next-auth.nonce`, options },
  };
}

function buildAuthOptions(settings: SecuritySettings, slots: HashSlots): AuthOptions {
  const maxAge = settings.auth.sessionMaxAgeSeconds;
  const absoluteMaxAge = settings.auth.sessionAbsoluteMaxAgeSeconds;
  const revocation = settings.audit.s3;
  return {
    secret: authSecret(),
    useSecureCookies: secureCookies(),
    session: { strategy: "jwt", maxAge },
    jwt: { maxAge },
    pages: { signIn: withBasePath("/signin"), error: withBasePath("/signin") },
    ...(BASE_PATH ? { cookies: cookiesUnder(BASE_PATH, secureCookies()) } : {}),
    providers: providersFor(settings, slots),
    callbacks: {
      // Entra ID sends a link instead of the groups of a user in too many: refuse clearly rather than sign in without them.
      signIn({ account, profile }) {
        if (account?.provider === "oidc" && groupsOverage((profile ?? {}) as Record<string, unknown>, settings.auth.oidc?.groupsClaim ?? "groups")) {
          return withBasePath("/signin?error=GroupsOverage");
        }
        return true;
      },
      async jwt({ token, user, account, profile }) {
        const t = token as StatehouseToken;
        if (account && user) {
          t.user = await sessionUserAtSignIn(settings, account.provider, user, profile, account.access_token);
          t.signedInAt = Date.now();
          if (account.provider === "oidc" && account.id_token) t.idToken = account.id_token;
          return t;
        }
        const sessionUser = parseSessionUser(t.user);
        if (!sessionUser || typeof t.signedInAt !== "number") throw new SessionRevokedError("session token without a user");
        // Refreshing a token keeps its sign-in time: without this a session in daily use would never end.
        if (sessionPastAbsoluteLifetime(t.signedInAt, absoluteMaxAge)) throw new SessionRevokedError("past the absolute session lifetime");
        if (revocation && isRevoked(t.signedInAt, await sessionsNotBefore(revocation, sessionUser.id))) {
          throw new SessionRevokedError("signed out everywhere");
        }
        return t;
      },
      session({ session, token }) {
        return { ...session, user: parseSessionUser((token as StatehouseToken).user) } as unknown as Session;
      },
    },
    logger: {
      // A revoked session is expected, not an error worth a stack trace on every request.
      error(code, metadata) {
        noteSignInFailure(metadata);
        if (metadata instanceof SessionRevokedError || (metadata as { error?: unknown })?.error instanceof SessionRevokedError) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
    },
  };
}

interface Built {
  settings: SecuritySettings;
  options: AuthOptions;
  guard: SignInGuard;
}
let built: Built | null = null;

// The limits and hash slots live with the options: one set per loaded config, per process.
async function current(): Promise<Built> {
  const settings = await getSecuritySettings();
  if (built?.settings !== settings) {
    const limits = settings.auth.signInLimits;
    const slots = new HashSlots(limits.concurrentHashes, limits.queuedHashes);
    built = { settings, options: buildAuthOptions(settings, slots), guard: new SignInGuard(limits) };
  }
  return built;
}

/** X-Forwarded-Proto of the request being served; null outside a request (the action tests call actions directly). */
async function forwardedProto(): Promise<string | null> {
  try {
    return (await headers()).get("x-forwarded-proto");
  } catch (e) {
    if (e instanceof Error && e.message.includes("was called outside a request scope")) return null;
    throw e;
  }
}

/**
 * The next-auth options, built from the (per-process cached) Statehouse config, with secure cookies
 * decided per request: behind a TLS-terminating proxy (X-Forwarded-Proto: https) the cookies are
 * `Secure` and `__Secure-`/`__Host-` prefixed, as next-auth makes them over https; plain http, not.
 * `proto` is the request's X-Forwarded-Proto when the caller has the request (the auth route handler).
 */
export async function getAuthOptions(proto?: string | null): Promise<AuthOptions> {
  const { options } = await current();
  const secure = secureCookiesFor(proto === undefined ? await forwardedProto() : proto);
  return secure === options.useSecureCookies ? options : { ...options, useSecureCookies: secure };
}

function lockoutWho(lockout: Lockout): AuditEvent["who"] {
  return lockout.limit === "user" ? { id: `local:${lockout.key}`, name: lockout.key } : { id: `address:${lockout.key}`, name: lockout.key };
}

/**
 * Counts a username/password sign-in attempt against the per-user and per-address limits, before any
 * hashing. The attempt that first goes over a limit is audited as a `sign-in-lockout`; the rest of
 * that window is refused without a record each, so a flood writes one event per user or address.
 */
export async function signInAttempt(username: string, address: string): Promise<SignInVerdict> {
  const { guard, settings } = await current();
  const verdict = await guard.attempt(username, address);
  if (!verdict.allowed && verdict.lockout) {
    const { lockout } = verdict;
    const message = `Sign-in locked for ${lockout.windowSeconds} s after ${lockout.attempts} attempts per ${lockout.limit === "user" ? "user name" : "client address"}.`;
    try {
      await recordAudit(
        { who: lockoutWho(lockout), role: null, backend: "*", action: "sign-in-lockout", target: {}, result: "refused", error: { code: "THROTTLED", message } },
        settings.audit,
      );
    } catch (err) {
      console.error("statehouse: a sign-in lockout could not be recorded", err);
    }
  }
  return verdict;
}

/** After a successful sign-in: the user's attempt count starts again. */
export async function signInSucceeded(username: string): Promise<void> {
  await (await current()).guard.signedIn(username);
}

/**
 * The signed-in user, or null (anonymous visitors are null here too). Read once per request
 * (React cache): a page's layouts, checks and streamed parts ask several times, and each read
 * decrypts the session cookie (an HKDF key derivation and a JWE decryption).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(await getAuthOptions())) as { user?: unknown } | null;
  return parseSessionUser(session?.user);
});

/** The signed-in user, or UnauthenticatedError. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new UnauthenticatedError();
  return user;
}

/** The caller's role on a backend (null = no access), for deciding what to show; never throws for lack of access. */
export async function getRole(backendName: string | null): Promise<{ user: SessionUser | null; role: Role | null }> {
  const [settings, signedIn] = await Promise.all([getSecuritySettings(), getSessionUser()]);
  const user = signedIn ?? (settings.policy.anonymous ? ANONYMOUS_USER : null);
  return { user: signedIn, role: user ? roleFor(user, backendName, settings.policy) : null };
}

/**
 * Checks that the caller may perform `action` on the backend (`null` = across all backends,
 * e.g. the whole audit trail). Anonymous visitors (when `auth.anonymous` allows them) act as
 * ANONYMOUS_USER; they get UnauthenticatedError rather than ForbiddenError for anything more.
 */
export async function authorize(backendName: string | null, action: Action): Promise<{ user: SessionUser; role: Role }> {
  const [settings, signedIn] = await Promise.all([getSecuritySettings(), getSessionUser()]);
  const user = signedIn ?? (settings.policy.anonymous ? ANONYMOUS_USER : null);
  if (!user) throw new UnauthenticatedError();
  const role = roleFor(user, backendName, settings.policy);
  if (!role || !can(role, action)) {
    if (user.provider === "anonymous") throw new UnauthenticatedError();
    throw new ForbiddenError(minimumRole(action), backendName ?? undefined);
  }
  return { user, role };
}

/**
 * Ends every session of the signed-in user on every replica (within the 30 s cache), and
 * records it in the audit trail. Needs `audit.s3`: that is where the per-user time is kept.
 */
export async function signOutEverywhereNow(): Promise<void> {
  const user = await requireUser();
  const settings = await getSecuritySettings();
  if (!settings.audit.s3) {
    throw new ConfigError([{ option: "audit.s3", message: "sign out everywhere needs an S3 location to keep the sign-out time" }]);
  }
  await signOutEverywhere(settings.audit.s3, user.id);
  await recordAudit(
    { who: auditWho(user), role: roleFor(user, null, settings.policy), backend: "*", action: "sign-out-everywhere", target: {}, result: "ok" },
    settings.audit,
  );
}

/**
 * Where the browser goes after Statehouse's own sign-out: the OIDC provider's end-session page when the
 * user signed in through it and it offers one (back to Statehouse's sign-in page afterwards), else null.
 * A provider that cannot be asked does not keep the user signed in to Statehouse: the error is logged, null returned.
 */
export async function providerSignOutUrl(): Promise<string | null> {
  const user = await getSessionUser();
  const { auth } = await getSecuritySettings();
  const base = process.env.NEXTAUTH_URL;
  if (user?.provider !== "oidc" || !auth.oidc || !base) return null;
  // NEXTAUTH_URL is the site's address, or (under a path prefix) its auth API's: the sign-in page is the prefix's.
  const signInPage = `${new URL(base).origin}${withBasePath("/signin")}`;
  try {
    const [jar, head] = await Promise.all([cookies(), headers()]);
    const req = { cookies: Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])), headers: Object.fromEntries(head) };
    const token = (await getToken({ req: req as unknown as Parameters<typeof getToken>[0]["req"], secret: authSecret(), secureCookie: secureCookies() })) as StatehouseToken | null;
    return await oidcEndSessionUrl(auth.oidc.issuer, auth.oidc.clientId, signInPage, token?.idToken);
  } catch (err) {
    console.error("statehouse: the identity provider's end-session address could not be read", err);
    return null;
  }
}
