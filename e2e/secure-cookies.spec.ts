import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo";
import { baseURL } from "../playwright.config";

/**
 * Session cookies behind a TLS-terminating proxy, over raw HTTP (Node's fetch: a browser's cookie jar
 * would drop `Secure` cookies on the e2e server's plain-http URL). The proxy says the client's request was
 * https with X-Forwarded-Proto: the cookies are then `Secure` and prefixed as next-auth makes them over
 * https (`__Host-` CSRF token, `__Secure-` session), and the server reads the session back under that name.
 * Plain http: neither prefix nor `Secure`.
 */

const account = DEMO_ACCOUNTS.find((a) => a.role === "viewer")!;

interface Cookie {
  name: string;
  value: string;
  attributes: string[];
}

function cookiesOf(res: Response): Cookie[] {
  return res.headers.getSetCookie().map((line) => {
    const [pair, ...attributes] = line.split(";").map((p) => p.trim());
    const eq = pair!.indexOf("=");
    return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attributes: attributes.map((a) => a.toLowerCase()) };
  });
}

const secure = (c: Cookie) => c.attributes.includes("secure");

/** Signs the viewer in with the given forwarded proto (none = plain http); returns every cookie set on the way. */
async function signIn(proto: "https" | null): Promise<{ csrf: Cookie[]; session: Cookie[]; jar: string }> {
  const forwarded: Record<string, string> = proto ? { "x-forwarded-proto": proto } : {};
  const csrfRes = await fetch(`${baseURL}/api/auth/csrf`, { headers: forwarded });
  expect(csrfRes.status).toBe(200);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrf = cookiesOf(csrfRes);
  const res = await fetch(`${baseURL}/api/auth/callback/local`, {
    method: "POST",
    redirect: "manual",
    headers: { ...forwarded, "content-type": "application/x-www-form-urlencoded", cookie: csrf.map((c) => `${c.name}=${c.value}`).join("; ") },
    body: new URLSearchParams({ username: account.username, password: account.password, csrfToken, callbackUrl: "/", json: "true" }).toString(),
  });
  expect(res.status).toBe(200);
  const session = cookiesOf(res);
  const jar = session.filter((c) => c.value !== "").map((c) => `${c.name}=${c.value}`).join("; ");
  return { csrf, session, jar };
}

/** Whether the server reads the session back: a page answers 200 instead of sending to the sign-in page. */
async function pageStatus(proto: "https" | null, jar: string): Promise<number> {
  const res = await fetch(`${baseURL}/`, { redirect: "manual", headers: { cookie: jar, ...(proto ? { "x-forwarded-proto": proto } : {}) } });
  return res.status;
}

test.describe("session cookies", () => {
  test("behind a TLS-terminating proxy (X-Forwarded-Proto: https): Secure, __Host-/__Secure- prefixed, and read back", async () => {
    const { csrf, session, jar } = await signIn("https");
    const csrfCookie = csrf.find((c) => c.name.endsWith("next-auth.csrf-token"));
    expect(csrfCookie?.name).toBe("__Host-next-auth.csrf-token");
    expect(secure(csrfCookie!)).toBe(true);
    const token = session.find((c) => c.name.startsWith("__Secure-next-auth.session-token"));
    expect(token, `cookies set: ${session.map((c) => c.name).join(", ")}`).toBeDefined();
    expect(secure(token!)).toBe(true);
    expect(token!.attributes).toContain("httponly");
    expect(session.some((c) => c.name.startsWith("next-auth.session-token"))).toBe(false);
    expect(await pageStatus("https", jar)).toBe(200);
  });

  test("over plain http: no prefix, not Secure", async () => {
    const { csrf, session, jar } = await signIn(null);
    expect(csrf.map((c) => c.name)).toContain("next-auth.csrf-token");
    expect(csrf.every((c) => !secure(c))).toBe(true);
    const token = session.find((c) => c.name.startsWith("next-auth.session-token"));
    expect(token, `cookies set: ${session.map((c) => c.name).join(", ")}`).toBeDefined();
    expect(secure(token!)).toBe(false);
    expect(session.some((c) => c.name.startsWith("__Secure-"))).toBe(false);
    expect(await pageStatus(null, jar)).toBe(200);
  });
});
