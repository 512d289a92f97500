import type { RoleRule } from "./config";
import { ROLES, type Action, type Role, type SessionUser } from "./types";

/** What roleFor needs from the config: the `roles` rules and the `auth` defaults. */
export interface RolePolicy {
  rules: readonly RoleRule[];
  /** Role of any signed-in user no rule matches. */
  defaultRole?: Role;
  /** Role of visitors who are not signed in (only "viewer" is configurable). */
  anonymous?: "viewer";
}

const MINIMUM_ROLE: Record<Action, Role> = {
  read: "viewer",
  reveal: "admin",
  unlock: "operator",
  restore: "admin",
  repairDigest: "admin",
  viewAudit: "admin",
};

function rank(role: Role): number {
  return ROLES.indexOf(role);
}

export function higherRole(a: Role | null | undefined, b: Role | null | undefined): Role | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return rank(a) >= rank(b) ? a : b;
}

/** The least role that may perform the action (what a ForbiddenError names). */
export function minimumRole(action: Action): Role {
  return MINIMUM_ROLE[action];
}

export function can(role: Role | null, action: Action): boolean {
  return role !== null && rank(role) >= rank(MINIMUM_ROLE[action]);
}

function ruleMatches(rule: RoleRule, user: SessionUser, email: string | undefined): boolean {
  if (rule.users?.includes(user.id)) return true;
  if (email) {
    if (rule.emails?.some((e) => e.toLowerCase() === email)) return true;
    if (rule.emailDomains?.some((d) => email.endsWith(`@${d.toLowerCase()}`))) return true;
  }
  return rule.groups?.some((g) => user.groups.includes(g)) ?? false;
}

/**
 * The user's role on a backend: the highest role among matching rules (a rule without
 * `backends` applies to all of them) or `defaultRole`, whichever is higher; neither = null = no access.
 * `backendName = null` asks for the global role: only rules that apply to every backend count
 * (used for things that span backends, such as the whole audit trail).
 * Anonymous visitors get exactly the configured anonymous role; signed-in users never get less.
 */
export function roleFor(user: SessionUser, backendName: string | null, policy: RolePolicy): Role | null {
  if (user.provider === "anonymous") return policy.anonymous ?? null;
  const email = user.email?.toLowerCase();
  let best: Role | null = null;
  for (const rule of policy.rules) {
    const applies = rule.backends ? backendName !== null && rule.backends.includes(backendName) : true;
    if (applies && ruleMatches(rule, user, email)) best = higherRole(best, rule.role);
  }
  return higherRole(higherRole(best, policy.defaultRole), policy.anonymous);
}
