import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Why an OAuth/OIDC callback was refused, in words a user can act on. next-auth v4 answers every
 * refused callback with the same `?error=OAuthCallback`; its logger sees the reason (openid-client's
 * or its own check's message). The route handler runs the callback inside `withSignInFailure`, the
 * logger calls `noteSignInFailure`, and the handler puts the finer code on the redirect.
 */

export type SignInFailure = "OAuthIssuer" | "OAuthAudience" | "OAuthExpired" | "OAuthSignature" | "OAuthState" | "OAuthNonce" | "OAuthPkce";

interface Store {
  failure: SignInFailure | null;
}
const store = new AsyncLocalStorage<Store>();

/** The failure a refusal's message names; null if it is none of the token or flow checks. */
export function classifySignInFailure(message: string): SignInFailure | null {
  const m = message.toLowerCase();
  if (/unexpected iss value|iss mismatch|iss missing/.test(m)) return "OAuthIssuer";
  if (/aud mismatch|azp mismatch|missing required jwt property azp/.test(m)) return "OAuthAudience";
  if (/jwt expired|jwt issued in the future|nbf claim timestamp check failed|\biat\b/.test(m)) return "OAuthExpired";
  if (/signature|no valid key|jwks|unexpected jwt alg/.test(m)) return "OAuthSignature";
  if (/state/.test(m)) return "OAuthState";
  if (/nonce/.test(m)) return "OAuthNonce";
  if (/pkce|code_verifier/.test(m)) return "OAuthPkce";
  return null;
}

function messageOf(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  const m = metadata as { error?: unknown; message?: unknown } | null;
  if (m?.error instanceof Error) return m.error.message;
  return typeof m?.message === "string" ? m.message : "";
}

/** Called by next-auth's logger: remembers the first recognised reason of the callback under way. */
export function noteSignInFailure(metadata: unknown): void {
  const s = store.getStore();
  if (s && !s.failure) s.failure = classifySignInFailure(messageOf(metadata));
}

/** Runs a callback request; gives back its response with the finer error code on a refusal's redirect. */
export async function withSignInFailure(run: () => Promise<Response>): Promise<Response> {
  const s: Store = { failure: null };
  const res = await store.run(s, run);
  const location = res.headers.get("location");
  if (!s.failure || !location) return res;
  const url = new URL(location, "http://placeholder.invalid");
  if (url.searchParams.get("error") !== "OAuthCallback") return res;
  url.searchParams.set("error", s.failure);
  const absolute = /^[a-z]+:\/\//i.test(location);
  const headers = new Headers(res.headers);
  headers.set("location", absolute ? url.toString() : `${url.pathname}${url.search}`);
  return new Response(res.body, { status: res.status, headers });
}
