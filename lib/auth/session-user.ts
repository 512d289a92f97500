import { InvalidInputError } from "@/lib/errors";
import { oidcGroups } from "./oidc-groups";
import type { AuthProviderKind, SessionUser } from "./types";

const PROVIDERS: readonly AuthProviderKind[] = ["local", "oidc", "github"];

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/**
 * The user of an OIDC sign-in, from the ID token claims. An unverified email is ignored (it could
 * match an email rule); some IdPs send `email_verified` as the string "false".
 */
export function oidcSessionUser(claims: Record<string, unknown>, groupsClaim: string): SessionUser {
  const sub = str(claims.sub);
  if (!sub) throw new InvalidInputError("The identity provider's ID token has no subject (sub).");
  const email = claims.email_verified === false || claims.email_verified === "false" ? undefined : str(claims.email);
  return {
    id: `oidc:${sub}`,
    name: str(claims.name) ?? str(claims.preferred_username) ?? email ?? sub,
    ...(email ? { email } : {}),
    groups: oidcGroups(claims, groupsClaim),
    provider: "oidc",
  };
}

/** The user of a GitHub sign-in; `groups` come from fetchGithubGroups. */
export function githubSessionUser(profile: Record<string, unknown>, email: string | null | undefined, groups: string[]): SessionUser {
  const login = str(profile.login);
  if (!login) throw new InvalidInputError("GitHub returned a profile without a login.");
  return { id: `github:${login.toLowerCase()}`, name: str(profile.name) ?? login, ...(email ? { email } : {}), groups, provider: "github" };
}

/** Reads the user back from a decoded session token; null if the token predates this shape or is malformed. */
export function parseSessionUser(value: unknown): SessionUser | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const provider = PROVIDERS.find((p) => p === v.provider);
  const id = str(v.id);
  const name = typeof v.name === "string" ? v.name : undefined;
  if (!provider || !id || name === undefined || !Array.isArray(v.groups) || !v.groups.every((g) => typeof g === "string")) return null;
  const email = str(v.email);
  return { id, name, ...(email ? { email } : {}), groups: v.groups as string[], provider };
}
