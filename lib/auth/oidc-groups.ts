import { hasGithubPrefix } from "./github-groups";

/**
 * Groups from an OIDC claim. IdPs send either a list or a single string; anything else
 * (numbers, objects) is ignored. Names starting with "github:" are dropped so that an IdP
 * group can never pose as a GitHub team membership in role rules.
 */
export function oidcGroups(claims: Record<string, unknown>, claimName: string): string[] {
  const raw = claims[claimName];
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [];
  return list.filter((g): g is string => typeof g === "string" && g.length > 0 && !hasGithubPrefix(g));
}

/**
 * Whether the claims carry a group overage instead of the groups: Entra ID puts
 * `_claim_names: { groups: "src1" }` and `_claim_sources` (a Graph link) in place of a list longer than
 * its limit (200 in a JWT). Statehouse does not follow the link: such a sign-in is refused with advice.
 */
export function groupsOverage(claims: Record<string, unknown>, claimName: string): boolean {
  if (Array.isArray(claims[claimName])) return false;
  const names = claims._claim_names;
  return typeof names === "object" && names !== null && claimName in names;
}
