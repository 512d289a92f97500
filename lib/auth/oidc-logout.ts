import { UpstreamError } from "@/lib/errors";

/**
 * Where to send a user signing out of an OIDC session: the provider's `end_session_endpoint`
 * (OpenID Connect RP-Initiated Logout 1.0) with `id_token_hint` (the sign-in's ID token, which Okta requires),
 * `client_id` and `post_logout_redirect_uri`, or null when the provider publishes none. The post-logout
 * address must be registered with the provider.
 */
export async function oidcEndSessionUrl(issuer: string, clientId: string, postLogoutRedirectUri: string, idTokenHint?: string): Promise<string | null> {
  const res = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new UpstreamError(`The identity provider's discovery document answered ${res.status}.`);
  const discovery = (await res.json()) as { end_session_endpoint?: unknown };
  if (typeof discovery.end_session_endpoint !== "string") return null;
  const url = new URL(discovery.end_session_endpoint);
  if (idTokenHint) url.searchParams.set("id_token_hint", idTokenHint);
  url.searchParams.set("client_id", clientId);
  url.searchParams.set("post_logout_redirect_uri", postLogoutRedirectUri);
  return url.toString();
}
