/** Roles, in increasing order of power. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a request wants to do; `can(role, action)` decides. */
export const ACTIONS = ["read", "reveal", "unlock", "restore", "repairDigest", "viewAudit"] as const;
export type Action = (typeof ACTIONS)[number];

export type AuthProviderKind = "local" | "oidc" | "github" | "anonymous";

/**
 * Who is signed in, as kept in the JWT. Roles are deliberately absent: they are computed
 * per request and per backend from the config, so a config change applies at once.
 */
export interface SessionUser {
  /** Provider-qualified and stable: "local:alice", "oidc:<sub>", "github:<login>", "anonymous". */
  id: string;
  name: string;
  email?: string;
  /** OIDC groups as the IdP names them; GitHub memberships as "github:org" and "github:org/team". */
  groups: string[];
  provider: AuthProviderKind;
}

/** Who a visitor is when `auth.anonymous` allows reading without signing in. */
export const ANONYMOUS_USER: SessionUser = { id: "anonymous", name: "Anonymous", groups: [], provider: "anonymous" };
