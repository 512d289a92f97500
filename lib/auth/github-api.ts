import { UpstreamError } from "@/lib/errors";

const PER_PAGE = 100;
// 1,000 items is far beyond any real list (organisations, teams, emails); the bound keeps sign-in finite.
const MAX_PAGES = 10;

/** Every page of a GitHub REST list endpoint of the signed-in user (`/user/orgs`, `/user/emails`, …). */
export async function fetchGithubList<T>(apiUrl: string, path: string, accessToken: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await fetch(`${apiUrl}${path}?per_page=${PER_PAGE}&page=${page}`, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28" },
    });
    if (!res.ok) throw new UpstreamError(`GitHub ${path} answered ${res.status}; it could not be read.`, undefined, { status: res.status });
    const body: unknown = await res.json();
    if (!Array.isArray(body)) throw new UpstreamError(`GitHub ${path} did not return a list.`);
    items.push(...(body as T[]));
    if (body.length < PER_PAGE) break;
  }
  return items;
}
