import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authSecret, secureCookies } from "@/lib/auth/runtime-env";
import { getSecuritySettings } from "@/lib/domain/settings";

/**
 * Sends visitors without a session to the sign-in page (API calls get a 401). This is a
 * convenience, not the protection: pages, route handlers and server actions check with
 * authorize() themselves, and only they see a "sign out everywhere".
 */
export async function proxy(req: NextRequest): Promise<NextResponse> {
  const malformed = malformedPath(req.nextUrl.pathname);
  if (malformed) return malformed;
  // A config that fails to load must not open the app: fall back to requiring a session.
  const anonymous = await getSecuritySettings().then((s) => s.policy.anonymous, () => undefined);
  if (anonymous) return NextResponse.next();
  const token = await getToken({ req, secret: authSecret(), secureCookie: secureCookies() });
  if (token) return NextResponse.next();
  const { pathname, search } = req.nextUrl;
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ ok: false, error: { code: "UNAUTHENTICATED", message: "You are not signed in." } }, { status: 401 });
  }
  const signIn = new URL("/signin", req.url);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
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
  matcher: ["/((?!api/auth|api/health|api/ready|api/metrics|signin|_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|map|txt)$).*)"],
};
