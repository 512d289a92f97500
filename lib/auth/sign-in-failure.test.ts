import { describe, expect, it } from "vitest";
import { classifySignInFailure, noteSignInFailure, withSignInFailure } from "./sign-in-failure";

describe("classifySignInFailure", () => {
  it("names the check behind openid-client's and next-auth's refusal messages", () => {
    expect(classifySignInFailure("unexpected iss value, expected http://127.0.0.1:4740, got: https://idp.other.example/")).toBe("OAuthIssuer");
    expect(classifySignInFailure("aud mismatch, expected statehouse, got: some-other-application")).toBe("OAuthAudience");
    expect(classifySignInFailure("JWT expired, now 1796000000, exp 1795996400")).toBe("OAuthExpired");
    expect(classifySignInFailure("failed to validate JWT signature")).toBe("OAuthSignature");
    expect(classifySignInFailure("no valid key found in issuer's jwks_uri for key parameters {\"kid\":\"k9\"}")).toBe("OAuthSignature");
    expect(classifySignInFailure("State cookie was missing.")).toBe("OAuthState");
    expect(classifySignInFailure("state mismatch, expected abc, got: def")).toBe("OAuthState");
    expect(classifySignInFailure("nonce mismatch, expected x, got: y")).toBe("OAuthNonce");
    expect(classifySignInFailure("PKCE code_verifier cookie was missing.")).toBe("OAuthPkce");
    expect(classifySignInFailure("connect ECONNREFUSED 127.0.0.1:4740")).toBeNull();
  });
});

describe("withSignInFailure", () => {
  const refused = () => new Response(null, { status: 302, headers: { location: "http://app.example/signin?error=OAuthCallback", "set-cookie": "a=; Max-Age=0" } });

  it("puts the noted reason on a refused callback's redirect, keeping its cookies", async () => {
    const res = await withSignInFailure(async () => {
      noteSignInFailure({ error: new Error("aud mismatch, expected statehouse, got: other") });
      return refused();
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://app.example/signin?error=OAuthAudience");
    expect(res.headers.get("set-cookie")).toBe("a=; Max-Age=0");
  });

  it("leaves the answer alone without a recognised reason, and outside a callback notes nothing", async () => {
    noteSignInFailure(new Error("JWT expired"));
    const res = await withSignInFailure(async () => refused());
    expect(res.headers.get("location")).toBe("http://app.example/signin?error=OAuthCallback");
    const ok = await withSignInFailure(async () => {
      noteSignInFailure(new Error("JWT expired"));
      return new Response(null, { status: 302, headers: { location: "/" } });
    });
    expect(ok.headers.get("location")).toBe("/");
  });
});
