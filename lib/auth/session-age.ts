/**
 * The absolute session lifetime, counted from sign-in (the idle timeout is the token's own expiry).
 * Shared by the jwt callback and the proxy, which both read session tokens; it decides, never reads cookies.
 */

/** Whether a session that signed in at `signedInAt` (epoch ms) is past `maxAgeSeconds`; a missing or malformed time is past it too. */
export function sessionPastAbsoluteLifetime(signedInAt: unknown, maxAgeSeconds: number, now = Date.now()): boolean {
  if (typeof signedInAt !== "number" || !Number.isFinite(signedInAt)) return true;
  return now - signedInAt >= maxAgeSeconds * 1000;
}
