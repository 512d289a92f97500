import { UpstreamError } from "@/lib/errors";

const PER_PAGE = 100;
// 1,000 items is far beyond any real list (organisations, teams, emails); the bound keeps sign-in finite.
const MAX_PAGES = 10;

/** GitHub's web and API addresses: github.com, or a GitHub Enterprise Server at `baseUrl` (API under /api/v3). */
export interface GithubEndpoints {
  authorize: string;
  token: string;
  api: string;
}

export function githubEndpoints({ baseUrl = "https://github.com", apiUrl }: { baseUrl?: string; apiUrl?: string }): GithubEndpoints {
  const base = baseUrl.replace(/\/+$/, "");
  const api = (apiUrl ?? (new URL(base).hostname === "github.com" ? "https://api.github.com" : `${base}/api/v3`)).replace(/\/+$/, "");
  return { authorize: `${base}/login/oauth/authorize`, token: `${base}/login/oauth/access_token`, api };
}

/** The `rel="next"` address of a GitHub `Link` header, if any. */
export function nextLink(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (m && m[2]!.split(/\s+/).includes("next")) return m[1]!;
  }
  return null;
}

/**
 * Every page of a GitHub REST list endpoint of the signed-in user (`/user/orgs`, `/user/emails`, …).
 * Pages follow the `Link: <…>; rel="next"` header as GitHub documents it (only to the same API origin,
 * so a forged header cannot send the token elsewhere); an answer without one ends the list unless it is a
 * full page, which asks for the next page number.
 */
export async function fetchGithubList<T>(apiUrl: string, path: string, accessToken: string): Promise<T[]> {
  const items: T[] = [];
  const origin = new URL(apiUrl).origin;
  let url = `${apiUrl}${path}?per_page=${PER_PAGE}&page=1`;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await fetch(url, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28" },
    });
    if (!res.ok) throw new UpstreamError(`GitHub ${path} answered ${res.status}; it could not be read.`, undefined, { status: res.status });
    const body: unknown = await res.json();
    if (!Array.isArray(body)) throw new UpstreamError(`GitHub ${path} did not return a list.`);
    items.push(...(body as T[]));
    const next = nextLink(res.headers.get("link"));
    if (next) {
      if (new URL(next, url).origin !== origin) throw new UpstreamError(`GitHub ${path} pointed its next page to another host.`);
      url = new URL(next, url).toString();
    } else if (body.length < PER_PAGE || res.headers.has("link")) {
      break;
    } else {
      url = `${apiUrl}${path}?per_page=${PER_PAGE}&page=${page + 1}`;
    }
  }
  return items;
}
