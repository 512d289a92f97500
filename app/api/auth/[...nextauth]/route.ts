import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { getAuthOptions, signInAttempt, signInSucceeded } from "@/auth";
import { MAX_USERNAME } from "@/lib/auth/local-users";
import { clientAddress } from "@/lib/auth/sign-in-guard";
import { withSignInFailure } from "@/lib/auth/sign-in-failure";
import { withBasePath } from "@/lib/browser-safe/base-path";

// A username/password sign-in posts a small form (username, password, csrf token, callback URL).
const CREDENTIALS_CALLBACK = "/api/auth/callback/local";
const MAX_SIGN_IN_BODY = 8 * 1024;

function refused(req: NextRequest, status: number, error: string, body: { code: string; message: string }, retryAfter?: number): NextResponse {
  // next-auth's client reads `url` (and its ?error=) from every answer to a sign-in POST.
  const url = new URL(withBasePath("/signin"), req.url);
  url.searchParams.set("error", error);
  return NextResponse.json({ url: url.toString(), ok: false, error: body }, { status, ...(retryAfter ? { headers: { "Retry-After": String(retryAfter) } } : {}) });
}

/**
 * Username/password attempts are counted per user name and per client address before next-auth
 * (and bcrypt) sees them: over a limit, the answer is 429 with Retry-After and no hashing is done.
 */
async function signInLocal(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  const length = Number(req.headers.get("content-length"));
  if (!Number.isFinite(length) || length > MAX_SIGN_IN_BODY) {
    return refused(req, 413, "SignInTooLarge", { code: "TOO_LARGE", message: "The sign-in request is too large." });
  }
  const form = new URLSearchParams(await req.clone().text());
  // Only as the limiter's key: the password check refuses a longer name anyway.
  const username = (form.get("username") ?? "").slice(0, MAX_USERNAME + 1);
  const verdict = await signInAttempt(username, clientAddress(req.headers.get("x-forwarded-for")));
  if (!verdict.allowed) {
    return refused(
      req,
      429,
      "RateLimited",
      { code: "THROTTLED", message: `Too many sign-in attempts. Try again in ${verdict.retryAfterSeconds} s.` },
      verdict.retryAfterSeconds,
    );
  }
  const res = await NextAuth(req, context, await getAuthOptions(req.headers.get("x-forwarded-proto")));
  if (res.ok) await signInSucceeded(username);
  return res;
}

// The options come from the config file (loaded asynchronously), so the handler is built per request.
async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  // endsWith: under a path prefix the pathname may or may not carry it.
  if (req.method === "POST" && req.nextUrl.pathname.endsWith(CREDENTIALS_CALLBACK)) return signInLocal(req, context);
  // A refused identity provider answer: say which check refused it (issuer, audience, expiry, signature, state, nonce).
  if (req.nextUrl.pathname.includes("/api/auth/callback/")) return withSignInFailure(async () => NextAuth(req, context, await getAuthOptions(req.headers.get("x-forwarded-proto"))));
  return NextAuth(req, context, await getAuthOptions(req.headers.get("x-forwarded-proto")));
}

export { handler as GET, handler as POST };
