import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authSecret, secureCookies, sessionCookieName } from "@/lib/auth/runtime-env";
import { sessionPastAbsoluteLifetime } from "@/lib/auth/session-age";
import { BASE_PATH, withBasePath } from "@/lib/browser-safe/base-path";
import { getSecuritySettings } from "@/lib/domain/settings";
import { contentSecurityPolicy, crossOriginAction, servedOverHttps } from "@/lib/http/security-headers";

/**
 * Sends visitors without a session to the sign-in page (API calls get a 401). This is a
 * convenience, not the protection: pages, route handlers and server actions check with
 * authorize() themselves, and only they see a "sign out everywhere".
 * It also refuses server action calls from another origin (or none), and gives every response
 * it sees a fresh nonce-based Content-Security-Policy.
 */

// Reached without a session: the sign-in flow, the probes (readiness shows no names to anonymous callers) and the
// metrics endpoint (its own bearer token).
const NO_SESSION_NEEDED = /^\/(?:api\/auth|api\/health|api\/ready|api\/metrics|signin)(?:\/|$)/;
const DEFAULT_ABSOLUTE_LIFETIME_SECONDS = 12 * 60 * 60;

/** Deletes the session cookie, including next-auth's chunks (`.0`, `.1`, … of a large token). */
function clearSessionCookie(req: NextRequest, res: NextResponse, secure: boolean): void {
  const base = sessionCookieName(secure);
  for (const { name } of req.cookies.getAll()) {
    if (name === base || name.startsWith(`${base}.`)) res.cookies.set(name, "", { maxAge: 0, path: BASE_PATH || "/", httpOnly: true, sameSite: "lax", secure });
  }
}

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const malformed = malformedPath(req.nextUrl.pathname);
  if (malformed) return malformed;
  const https = servedOverHttps(req.nextUrl, req.headers.get("x-forwarded-proto"));
  const csp = contentSecurityPolicy(Buffer.from(crypto.randomUUID()).toString("base64"), { https, development: process.env.NODE_ENV === "development" });
  const secured = (res: NextResponse): NextResponse => {
    res.headers.set("Content-Security-Policy", csp);
    return res;
  };
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  const pass = (): NextResponse => {
    const headers = new Headers(req.headers);
    headers.set("Content-Security-Policy", csp);
    return secured(NextResponse.next({ request: { headers } }));
  };

  if (req.method === "POST" && req.headers.has("next-action")) {
    // The host as Next's own action check sees it (a reverse proxy passes the public one as X-Forwarded-Host).
    if (crossOriginAction(req.headers.get("origin"), req.headers.get("x-forwarded-host") ?? req.headers.get("host"))) {
      return secured(
        NextResponse.json(
          { ok: false, error: { code: "FORBIDDEN", message: "A server action must be called from this site's pages (its Origin header names another site, or none)." } },
          { status: 403 },
        ),
      );
    }
  }

  const { pathname, search } = req.nextUrl;
  if (NO_SESSION_NEEDED.test(pathname)) return pass();
  // A config that fails to load must not open the app: fall back to requiring a session.
  const settings = await getSecuritySettings().catch(() => null);
  if (settings?.policy.anonymous) return pass();
  const token = await getToken({ req, secret: authSecret(), secureCookie: secureCookies() || https });
  const absolute = settings?.auth.sessionAbsoluteMaxAgeSeconds ?? DEFAULT_ABSOLUTE_LIFETIME_SECONDS;
  const expired = token !== null && sessionPastAbsoluteLifetime(token.signedInAt, absolute);
  if (token && !expired) return pass();
  let res: NextResponse;
  if (pathname.startsWith("/api/")) {
    res = NextResponse.json({ ok: false, error: { code: "UNAUTHENTICATED", message: "You are not signed in." } }, { status: 401 });
  } else {
    const signIn = new URL(withBasePath("/signin"), req.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    if (expired) signIn.searchParams.set("error", "SessionExpired");
    res = NextResponse.redirect(signIn);
  }
  if (expired) clearSessionCookie(req, res, secureCookies() || https);
  return secured(res);
}

/**
 * A path whose percent-escapes do not decode as UTF-8 (`/b/x/w/%ff%fe/state`) names nothing, and
 * Next would answer it with a bare 500 before any page runs: say so with a 400, and log it.
 */
function malformedPath(pathname: string): NextResponse | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    console.warn("statehouse: malformed percent-escape in a request path, answered 400", { path: pathname.slice(0, 300) });
    const html =
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Bad address · Statehouse</title></head>' +
      '<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">' +
      '<h1 data-testid="bad-path">Bad address</h1><p>This address holds a percent-escape that is not valid UTF-8, so it cannot name a backend, workspace or page.</p>' +
      '<p><a href="/">Go to the backends</a></p></body></html>';
    return new NextResponse(html, { status: 400, headers: { "content-type": "text/html; charset=utf-8" } });
  }
}

export const config = {
  // "/" on its own too: under a basePath the pattern below becomes "/statehouse/(...)" and misses the bare "/statehouse".
  matcher: ["/", "/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|map|txt)$).*)"],
};
