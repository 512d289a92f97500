import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchGithubGroups } from "@/lib/auth/github-groups";
import { verifiedGithubEmail } from "@/lib/auth/github-email";
import { fetchGithubList, githubEndpoints, nextLink } from "@/lib/auth/github-api";
import { UpstreamError } from "@/lib/errors";

// A stand-in GitHub API over real HTTP: 150 teams force pagination.
const teams = Array.from({ length: 150 }, (_, i) => ({ slug: `team-${i}`, organization: { login: i % 2 ? "Acme" : "other-org" } }));
// GitHub lets a new account keep an unverified primary email; next-auth's provider picks it anyway.
const emails = [
  { email: "CEO@acme.io", primary: true, verified: false },
  { email: "octo@users.example", primary: false, verified: true },
];
let server: Server;
let apiUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.headers.authorization !== "Bearer good-token") {
      res.writeHead(401).end("{}");
      return;
    }
    const page = Number(url.searchParams.get("page"));
    const per = Number(url.searchParams.get("per_page"));
    const all =
      url.pathname === "/user/orgs"
        ? [{ login: "Acme" }, { login: "solo-org" }]
        : url.pathname === "/user/teams"
          ? teams
          : url.pathname === "/user/emails"
            ? emails
            : null;
    if (!all) {
      res.writeHead(404).end("{}");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(all.slice((page - 1) * per, page * per)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetchGithubGroups", () => {
  it("maps orgs and every team (across pages) to lowercase github: groups", async () => {
    const groups = await fetchGithubGroups("good-token", apiUrl);
    expect(groups).toContain("github:acme");
    expect(groups).toContain("github:solo-org");
    expect(groups).toContain("github:other-org");
    expect(groups).toContain("github:acme/team-1");
    expect(groups).toContain("github:other-org/team-148");
    expect(groups).toContain("github:acme/team-149");
    expect(groups).toHaveLength(3 + 150);
  });

  it("reports a refused token as an upstream error", async () => {
    await expect(fetchGithubGroups("bad-token", apiUrl)).rejects.toBeInstanceOf(UpstreamError);
  });
});

describe("verifiedGithubEmail", () => {
  it("keeps only an email GitHub has verified: an unverified primary (posing as someone) is dropped", async () => {
    expect(await verifiedGithubEmail("good-token", "ceo@acme.io", apiUrl)).toBeNull();
    expect(await verifiedGithubEmail("good-token", "octo@users.example", apiUrl)).toBe("octo@users.example");
    expect(await verifiedGithubEmail("good-token", null, apiUrl)).toBeNull();
  });
  it("drops the email when GitHub cannot confirm it", async () => {
    expect(await verifiedGithubEmail("bad-token", "octo@users.example", apiUrl)).toBeNull();
  });
});

describe("GitHub Enterprise Server endpoints and Link pagination", () => {
  it("derives the web and API addresses from the base URL", () => {
    expect(githubEndpoints({})).toEqual({ authorize: "https://github.com/login/oauth/authorize", token: "https://github.com/login/oauth/access_token", api: "https://api.github.com" });
    expect(githubEndpoints({ baseUrl: "https://github.acme.io/" })).toEqual({
      authorize: "https://github.acme.io/login/oauth/authorize",
      token: "https://github.acme.io/login/oauth/access_token",
      api: "https://github.acme.io/api/v3",
    });
    expect(githubEndpoints({ baseUrl: "https://github.acme.io", apiUrl: "https://api.github.acme.io/" }).api).toBe("https://api.github.acme.io");
  });

  it("reads rel=next from a Link header", () => {
    const link = '<https://ghe.example/api/v3/user/teams?per_page=100&page=2>; rel="next", <https://ghe.example/api/v3/user/teams?per_page=100&page=3>; rel="last"';
    expect(nextLink(link)).toBe("https://ghe.example/api/v3/user/teams?per_page=100&page=2");
    expect(nextLink('<https://ghe.example/x?page=1>; rel="prev", <https://ghe.example/x?page=1>; rel="first"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });

  it("follows Link pages and refuses a next page on another host", async () => {
    const pages: Record<string, { body: unknown[]; link?: string }> = {};
    const server2 = createServer((req, res) => {
      const page = pages[req.url ?? ""];
      if (!page) return void res.writeHead(404).end("[]");
      res.writeHead(200, { "content-type": "application/json", ...(page.link ? { link: page.link } : {}) }).end(JSON.stringify(page.body));
    });
    await new Promise<void>((resolve) => server2.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server2.address() as AddressInfo).port}`;
    // Short pages that still say there is a next one: the header decides, not the page size.
    pages["/user/orgs?per_page=100&page=1"] = { body: [{ login: "a" }], link: `<${base}/user/orgs?per_page=100&page=2>; rel="next"` };
    pages["/user/orgs?per_page=100&page=2"] = { body: [{ login: "b" }], link: `<${base}/user/orgs?per_page=100&page=1>; rel="prev"` };
    pages["/user/teams?per_page=100&page=1"] = { body: [], link: '<https://evil.example/steal?page=2>; rel="next"' };
    try {
      expect(await fetchGithubList<{ login: string }>(base, "/user/orgs", "t")).toEqual([{ login: "a" }, { login: "b" }]);
      await expect(fetchGithubList(base, "/user/teams", "t")).rejects.toBeInstanceOf(UpstreamError);
    } finally {
      await new Promise<void>((resolve) => server2.close(() => resolve()));
    }
  });
});
