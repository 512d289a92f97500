/**
 * A local server that speaks GitHub's OAuth web flow and the REST endpoints Statehouse reads, as
 * GitHub documents them, at GitHub Enterprise Server's addresses (web at the base URL, REST under
 * /api/v3). Users come from testkit/sso.ts. Started by playwright.config.ts:
 * `node --import tsx e2e/support/github-server.ts PORT STATEHOUSE_URL`.
 * - GET  /login/oauth/authorize (client_id, redirect_uri, state, scope): a sign-in-and-authorize form (login only).
 * - POST /login/oauth/access_token (client_id, client_secret in the body or Basic auth; code; redirect_uri):
 *   JSON when asked with Accept: application/json, else form-encoded; `bad_verification_code` for a bad or reused code.
 * - GET  /api/v3/user, /user/emails, /user/orgs, /user/teams with `Authorization: Bearer|token`, `per_page`
 *   (default 30, at most 100) and `page`, and a `Link` header (rel next/last/first/prev) as GitHub sends.
 * GET /__control/requests lists the API paths asked since start (the tests check pagination happened).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { GITHUB_CLIENT, GITHUB_USERS, type GithubTestUser } from "../../testkit/sso";

const port = Number(process.argv[2]);
const statehouse = (process.argv[3] ?? "").replace(/\/$/, "");
if (!port || !statehouse) {
  console.error("usage: github-server.ts PORT STATEHOUSE_URL");
  process.exit(2);
}
const base = `http://127.0.0.1:${port}`;
const callback = `${statehouse}/api/auth/callback/github`;

const codes = new Map<string, { login: string; redirectUri: string; scope: string }>();
const tokens = new Map<string, { login: string; scope: string }>();
const requests: string[] = [];

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    return new URLSearchParams(Object.entries(JSON.parse(text || "{}") as Record<string, string>));
  }
  return new URLSearchParams(text);
}

function authorizePage(res: ServerResponse, q: URLSearchParams): void {
  if (q.get("client_id") !== GITHUB_CLIENT.id) return send(res, 404, { message: "Not Found" });
  const redirectUri = q.get("redirect_uri") ?? callback;
  // GitHub refuses a redirect_uri outside the app's registered callback URL.
  if (!redirectUri.startsWith(callback)) return send(res, 400, { error: "redirect_uri_mismatch" });
  const hidden = ["client_id", "redirect_uri", "state", "scope"].map((k) => `<input type="hidden" name="${k}" value="${escape(q.get(k) ?? "")}">`).join("");
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
    `<!DOCTYPE html><html lang="en"><head><title>Authorize Statehouse</title></head><body><h1>Sign in to GitHub Enterprise to continue to Statehouse</h1>` +
      `<p>Statehouse asks for: ${escape(q.get("scope") ?? "")}</p>` +
      `<form method="post" action="/login/oauth/authorize">${hidden}<label>Username <input name="login" autofocus></label><button type="submit">Authorize</button></form></body></html>`,
  );
}

async function authorize(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const f = await form(req);
  const user = GITHUB_USERS.find((u) => u.login.toLowerCase() === (f.get("login") ?? "").toLowerCase());
  if (!user) return void res.writeHead(200, { "content-type": "text/html" }).end("<p>Incorrect username or password.</p>");
  const redirectUri = f.get("redirect_uri") ?? callback;
  if (f.get("client_id") !== GITHUB_CLIENT.id || !redirectUri.startsWith(callback)) return send(res, 400, { error: "redirect_uri_mismatch" });
  const code = randomBytes(10).toString("hex");
  codes.set(code, { login: user.login, redirectUri, scope: f.get("scope") ?? "" });
  const to = new URL(redirectUri);
  to.searchParams.set("code", code);
  if (f.get("state")) to.searchParams.set("state", f.get("state")!);
  res.writeHead(302, { location: to.toString() }).end();
}

async function accessToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const f = await form(req);
  const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? "");
  const [id, secret] = basic
    ? Buffer.from(basic[1]!, "base64").toString("utf8").split(":").map((s) => decodeURIComponent(s))
    : [f.get("client_id"), f.get("client_secret")];
  const json = (req.headers.accept ?? "").includes("json");
  const reply = (body: Record<string, string>): void => {
    if (json) send(res, 200, body);
    else res.writeHead(200, { "content-type": "application/x-www-form-urlencoded" }).end(new URLSearchParams(body).toString());
  };
  if (id !== GITHUB_CLIENT.id || secret !== GITHUB_CLIENT.secret) return reply({ error: "incorrect_client_credentials", error_description: "The client_id and/or client_secret passed are incorrect." });
  const grant = codes.get(f.get("code") ?? "");
  codes.delete(f.get("code") ?? "");
  if (!grant || (f.get("redirect_uri") && f.get("redirect_uri") !== grant.redirectUri)) {
    return reply({ error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
  }
  const token = `gho_${randomBytes(18).toString("base64url")}`;
  tokens.set(token, { login: grant.login, scope: grant.scope });
  reply({ access_token: token, token_type: "bearer", scope: grant.scope.split(/[\s,]+/).join(",") });
}

function paginate(res: ServerResponse, url: URL, all: unknown[], scope: string): void {
  const per = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30) || 30));
  const last = Math.max(1, Math.ceil(all.length / per));
  const page = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
  const at = (p: number) => {
    const u = new URL(url.pathname, base);
    u.searchParams.set("per_page", String(per));
    u.searchParams.set("page", String(p));
    return u.toString();
  };
  const links: string[] = [];
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`, `<${at(1)}>; rel="first"`);
  send(res, 200, all.slice((page - 1) * per, page * per), { ...(links.length ? { link: links.join(", ") } : {}), "x-oauth-scopes": scope });
}

function api(req: IncomingMessage, res: ServerResponse, url: URL): void {
  requests.push(`${url.pathname}${url.search}`);
  const token = /^(?:Bearer|token) (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  const session = token ? tokens.get(token) : undefined;
  if (!session) return send(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
  const user = GITHUB_USERS.find((u) => u.login === session.login) as GithubTestUser;
  const path = url.pathname.slice("/api/v3".length);
  const org = (login: string, i: number) => ({ login, id: 9000 + i, url: `${base}/api/v3/orgs/${login}` });
  if (path === "/user") {
    const primary = user.emails.find((e) => e.primary);
    return send(res, 200, { login: user.login, id: user.id, name: user.name, email: primary?.email ?? null, avatar_url: `${base}/avatars/${user.id}`, type: "User" }, { "x-oauth-scopes": session.scope });
  }
  if (path === "/user/emails") return paginate(res, url, user.emails.map((e) => ({ ...e, visibility: e.primary ? "private" : null })), session.scope);
  if (path === "/user/orgs") return paginate(res, url, user.orgs.map(org), session.scope);
  if (path === "/user/teams") {
    const teams = user.teams.map((t, i) => ({ id: 7000 + i, slug: t.slug.toLowerCase(), name: t.slug, organization: org(t.org, i) }));
    return paginate(res, url, teams, session.scope);
  }
  send(res, 404, { message: "Not Found" });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", base);
  const done = (err: unknown) => send(res, 500, { message: String(err) });
  if (url.pathname === "/__control/requests") return send(res, 200, requests);
  if (url.pathname === "/login/oauth/authorize" && req.method === "GET") return authorizePage(res, url.searchParams);
  if (url.pathname === "/login/oauth/authorize" && req.method === "POST") return void authorize(req, res).catch(done);
  if (url.pathname === "/login/oauth/access_token" && req.method === "POST") return void accessToken(req, res).catch(done);
  if (url.pathname.startsWith("/api/v3/")) return api(req, res, url);
  send(res, 404, { message: "Not Found" });
});
server.listen(port, "127.0.0.1", () => console.error(`e2e GitHub-shaped server: ${base} (for ${statehouse})`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
