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
