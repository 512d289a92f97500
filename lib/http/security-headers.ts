/**
 * The Content-Security-Policy of pages and the request checks the proxy applies (pure functions of header values).
 * It never decides who is signed in; the static headers every route gets are in next.config.mjs.
 */
import { forwardedHttps } from "@/lib/auth/runtime-env";

/**
 * A nonce-based policy: Next puts the nonce on its own scripts when it finds it in the request's policy.
 * 'strict-dynamic' lets those scripts load the page's chunks. Styles allow inline: Next and the
 * virtualized tables write style attributes, which a nonce cannot cover, and styles run no code.
 */
export function contentSecurityPolicy(nonce: string, opts: { https: boolean; development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over HTTPS: on plain http (loopback, the demo) it would send every asset to an https port that does not answer.
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Whether a request reached us over HTTPS, directly or through a TLS-terminating proxy that says so. */
export function servedOverHttps(url: URL, forwardedProto: string | null): boolean {
  return url.protocol === "https:" || forwardedHttps(forwardedProto);
}

/**
 * Whether a server action call comes from another origin or names none. Next itself refuses an
 * Origin that does not match the host but lets a call without one through; browsers always send
 * one with an action's POST, so a call without it is a script, not our page.
 */
export function crossOriginAction(origin: string | null, host: string | null): boolean {
  if (!origin || !host) return true;
  try {
    return new URL(origin).host.toLowerCase() !== host.toLowerCase();
  } catch {
    return true;
  }
}

/**
 * The nonce of a policy made by contentSecurityPolicy, for the one inline script the app renders itself
 * (the theme script that must run before the first paint); null when the policy has none.
 */
export function nonceOfPolicy(policy: string | null): string | null {
  return policy?.match(/'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1] ?? null;
}
