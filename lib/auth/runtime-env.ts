import { ConfigError } from "@/lib/errors";

type Env = Record<string, string | undefined>;

// Development only: lets `next dev` work without setup. Production refuses to start without a real secret.
const DEVELOPMENT_SECRET = "statehouse-development-secret-never-use-in-production";

/**
 * The key that signs and encrypts session cookies (next-auth's NEXTAUTH_SECRET). Shared by the
 * next-auth options and the proxy, which must decode the same cookies.
 */
export function authSecret(env: Env = process.env): string {
  const secret = env.NEXTAUTH_SECRET || env.AUTH_SECRET;
  if (secret) return secret;
  if (env.NODE_ENV === "production") {
    throw new ConfigError([{ option: "NEXTAUTH_SECRET", message: "is not set; it signs and encrypts session cookies and is required in production" }], {
      hint: "Set NEXTAUTH_SECRET to a random value (openssl rand -base64 32), the same on every replica.",
    });
  }
  return DEVELOPMENT_SECRET;
}

/** Secure (`__Secure-`) session cookies whenever the public URL is https, as next-auth's getToken assumes. */
export function secureCookies(env: Env = process.env): boolean {
  return env.NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/** A TLS-terminating proxy's X-Forwarded-Proto says the client's request was https (its first value: the client side). */
export function forwardedHttps(forwardedProto: string | null | undefined): boolean {
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

/**
 * Secure cookies for one request: the public URL is https, or the request reached us through a
 * TLS-terminating proxy (X-Forwarded-Proto: https). next-auth then names and flags them as it does over
 * https: `__Secure-next-auth.session-token`, `__Host-next-auth.csrf-token`, all `Secure`. A forged header
 * only makes a client's own cookies Secure (which its browser then withholds over http): never weaker.
 */
export function secureCookiesFor(forwardedProto: string | null | undefined, env: Env = process.env): boolean {
  return secureCookies(env) || forwardedHttps(forwardedProto);
}

/** The session cookie's name for a request, as next-auth names it. */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}
