import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo";
import { getSecuritySettings } from "@/lib/domain/settings";
import { AuthApiBase } from "@/components/auth/auth-api-base";
import { SignInForm, type DemoAccount, type OAuthProvider } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// next-auth's error codes (?error=...) in words a user can act on.
const ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong username or password.",
  OAuthSignin: "Could not start sign-in with the identity provider. Try again or ask an administrator.",
  OAuthCallback: "The identity provider's answer could not be verified. Try again.",
  OAuthAccountNotLinked: "This account cannot be used here.",
  Callback: "Sign-in could not be completed (your groups or teams could not be read). Try again.",
  AccessDenied: "Access denied.",
  SessionRequired: "Please sign in to continue.",
  SessionExpired: "Your session has ended. Please sign in again.",
  RateLimited: "Too many sign-in attempts. Wait a few minutes and try again.",
  SignInBusy: "Too many sign-ins at once. Try again in a few seconds.",
  SignInTooLarge: "The username or password is too long.",
  // Refused identity provider answers (lib/auth/sign-in-failure.ts): no session is created.
  OAuthIssuer: "Sign-in refused: the identity token was issued by another identity provider than the one configured.",
  OAuthAudience: "Sign-in refused: the identity token was issued for another application (audience).",
  OAuthExpired: "Sign-in refused: the identity token has expired (or is not valid yet). Check the clocks and try again.",
  OAuthSignature: "Sign-in refused: the identity token's signature does not match any key the identity provider publishes.",
  OAuthState: "Sign-in refused: this sign-in answer was already used or was not started from this browser (state). Start again.",
  OAuthNonce: "Sign-in refused: the identity token does not belong to this sign-in (nonce). Start again.",
  OAuthPkce: "Sign-in refused: this sign-in was not started from this browser (PKCE). Start again.",
  GroupsOverage:
    "Sign-in refused: the identity provider sent a link instead of your groups (too many groups, e.g. Entra ID's group overage). Ask an administrator to send only the groups assigned to Statehouse.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const { auth } = await getSecuritySettings();

  const oauth: OAuthProvider[] = [];
  if (auth.oidc) oauth.push({ id: "oidc", name: auth.oidc.name });
  if (auth.github) oauth.push({ id: "github", name: "GitHub" });
  const configured = new Set(auth.localUsers.map((u) => u.username));
  const demo: DemoAccount[] = auth.demo ? DEMO_ACCOUNTS.filter((a) => configured.has(a.username)) : [];

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <h1 className="mb-1 text-center text-2xl font-semibold tracking-tight">Statehouse</h1>
        <p className="mb-6 text-center text-sm text-slate-500">Sign in to see Terraform and OpenTofu state.</p>
        <AuthApiBase>
          <SignInForm
            callbackUrl={callbackUrl}
            local={auth.localUsers.length > 0}
            oauth={oauth}
            demo={demo}
            anonymous={auth.anonymous !== undefined}
            initialError={params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null}
            messages={ERRORS}
          />
        </AuthApiBase>
      </div>
    </main>
  );
}
