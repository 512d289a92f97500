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
