import { UpstreamError } from "@/lib/errors";

const PER_PAGE = 100;
// 1,000 organisations or teams is far beyond any real membership; the bound keeps sign-in finite.
const MAX_PAGES = 10;

async function fetchAll<T>(apiUrl: string, path: string, accessToken: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await fetch(`${apiUrl}${path}?per_page=${PER_PAGE}&page=${page}`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28" },
    });
    if (!res.ok) throw new UpstreamError(`GitHub ${path} answered ${res.status}; memberships could not be read.`, undefined, { status: res.status });
    const body: unknown = await res.json();
    if (!Array.isArray(body)) throw new UpstreamError(`GitHub ${path} did not return a list.`);
    items.push(...(body as T[]));
    if (body.length < PER_PAGE) break;
  }
  return items;
}

/**
 * The signed-in GitHub user's organisations and teams as role-rule groups: "github:org" and
 * "github:org/team-slug", lowercased (GitHub names are case-insensitive). Needs the `read:org`
 * scope, otherwise private memberships are missing.
 */
export async function fetchGithubGroups(accessToken: string, apiUrl = "https://api.github.com"): Promise<string[]> {
  const [orgs, teams] = await Promise.all([
    fetchAll<{ login?: unknown }>(apiUrl, "/user/orgs", accessToken),
    fetchAll<{ slug?: unknown; organization?: { login?: unknown } }>(apiUrl, "/user/teams", accessToken),
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
