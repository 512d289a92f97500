"use client";

import { signIn } from "next-auth/react";
import { useId, useState, type FormEvent } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import type { Role } from "@/lib/auth/types";
import { withBasePath } from "@/lib/browser-safe/base-path";

export interface OAuthProvider {
  id: string;
  name: string;
}
export interface DemoAccount {
  role: Role;
  username: string;
  password: string;
}

interface Props {
  callbackUrl: string;
  local: boolean;
  oauth: OAuthProvider[];
  demo: DemoAccount[];
  anonymous: boolean;
  initialError: string | null;
  /** Words for next-auth's (and the sign-in limits') error codes. */
  messages: Record<string, string>;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus-visible:border-sky-600 focus-visible:outline-2 focus-visible:outline-sky-600";

export function SignInForm({ callbackUrl, local, oauth, demo, anonymous, initialError, messages }: Props) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const errorId = useId();

  // Demo buttons go through this same local-user sign-in with the demo account's credentials.
  async function signInLocal(user: string, pass: string) {
    setPending(true);
    setError(null);
    // next-auth makes a path absolute against the origin alone: the prefix must be in it.
    const res = await signIn("local", { username: user, password: pass, redirect: false, callbackUrl: withBasePath(callbackUrl) });
    if (res?.ok && !res.error) {
      // A full navigation, so server components render with the new session cookie.
      window.location.assign(res.url ?? callbackUrl);
      return;
    }
    setPending(false);
    setError(messages[res?.error ?? "CredentialsSignin"] ?? "Sign-in failed. Try again.");
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void signInLocal(username, password);
  }

  return (
    <Card>
      <CardBody className="space-y-5 py-5">
        {error && (
          <p id={errorId} role="alert" data-testid="signin-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}

        {demo.length > 0 && (
          <section aria-labelledby="demo-heading" className="space-y-2">
            <h2 id="demo-heading" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
              Demo
            </h2>
            {demo.map((a) => (
              <Button
                key={a.username}
                variant={a.role === "admin" ? "primary" : "secondary"}
                className="w-full"
                disabled={pending}
                data-testid={`demo-signin-${a.role}`}
                onClick={() => {
                  setUsername(a.username);
                  setPassword(a.password);
                  void signInLocal(a.username, a.password);
                }}
              >
                Sign in as demo {a.role}
              </Button>
            ))}
          </section>
        )}

        {local && (
          <form onSubmit={onSubmit} className="space-y-3" aria-label="Sign in with username and password" aria-describedby={error ? errorId : undefined}>
            <div>
              <label htmlFor="signin-username" className="block text-sm font-medium text-slate-700">
                Username
              </label>
              <input
                id="signin-username"
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                className={inputClass}
                data-testid="signin-username"
              />
            </div>
            <div>
              <label htmlFor="signin-password" className="block text-sm font-medium text-slate-700">
                Password
              </label>
              <input
                id="signin-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                className={inputClass}
                data-testid="signin-password"
              />
            </div>
            <Button type="submit" variant="primary" className="w-full" disabled={pending} data-testid="signin-submit">
              {pending ? "Signing in…" : "Sign in"}
            </Button>
          </form>
        )}

        {oauth.length > 0 && (
          <section aria-label="Other sign-in options" className="space-y-2">
            {local && <p className="text-center text-xs text-slate-500">or</p>}
            {oauth.map((p) => (
              <Button key={p.id} className="w-full" disabled={pending} data-testid={`signin-${p.id}`} onClick={() => void signIn(p.id, { callbackUrl: withBasePath(callbackUrl) })}>
                Continue with {p.name}
              </Button>
            ))}
          </section>
        )}

        {!local && oauth.length === 0 && <p className="text-sm text-slate-600">No sign-in method is configured. Ask an administrator to set up the auth section of the Statehouse config.</p>}

        {anonymous && (
          <ButtonLink href={callbackUrl} variant="ghost" className="w-full" data-testid="signin-anonymous">
            Continue without signing in (read-only)
          </ButtonLink>
        )}
      </CardBody>
    </Card>
  );
}
