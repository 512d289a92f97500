import { fetchGithubList } from "./github-api";

/** A name in the GitHub namespace (user "github:login", groups "github:org", "github:org/team"), the prefix in any case. */
export function hasGithubPrefix(name: string): boolean {
  return name.toLowerCase().startsWith("github:");
}

/**
 * The signed-in GitHub user's organisations and teams as role-rule groups: "github:org" and
 * "github:org/team-slug", lowercased (GitHub names are case-insensitive). Needs the `read:org`
 * scope, otherwise private memberships are missing.
 */
export async function fetchGithubGroups(accessToken: string, apiUrl = "https://api.github.com"): Promise<string[]> {
  const [orgs, teams] = await Promise.all([
    fetchGithubList<{ login?: unknown }>(apiUrl, "/user/orgs", accessToken),
    fetchGithubList<{ slug?: unknown; organization?: { login?: unknown } }>(apiUrl, "/user/teams", accessToken),
  ]);
  const groups = new Set<string>();
  for (const org of orgs) if (typeof org.login === "string") groups.add(`github:${org.login.toLowerCase()}`);
  for (const team of teams) {
    const org = team.organization?.login;
    if (typeof org === "string" && typeof team.slug === "string") {
      groups.add(`github:${org.toLowerCase()}`);
      groups.add(`github:${org.toLowerCase()}/${team.slug.toLowerCase()}`);
    }
  }
  return [...groups].sort();
}
