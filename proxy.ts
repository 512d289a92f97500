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

export const config = {
  matcher: ["/((?!api/auth|api/health|signin|_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|map|txt)$).*)"],
};
