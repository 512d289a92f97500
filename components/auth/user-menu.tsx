"use client";

import { signOut } from "next-auth/react";
import { useState, useTransition } from "react";
import { providerSignOutAction, signOutEverywhereAction } from "@/app/(auth)/actions/sign-out-everywhere";
import { Badge } from "@/components/ui/badge";
import { withBasePath } from "@/lib/browser-safe/base-path";
import type { Role } from "@/lib/auth/types";

interface Props {
  name: string;
  email?: string;
  /** The role on the backend being viewed (null = none); omit outside a backend. */
  role?: Role | null;
  /** Hide "sign out everywhere" when no S3 location keeps the sign-out time. */
  canSignOutEverywhere?: boolean;
}

// Sign-out ends the Statehouse session, then goes to the identity provider's end-session page when it has one
// (RP-initiated logout: the provider's session ends too), else to the sign-in page.
async function providerNext(): Promise<string | null> {
  const next = await providerSignOutAction().catch(() => null);
  return next?.ok ? next.data : null;
}
async function leave(next: string | null): Promise<void> {
  await signOut({ redirect: false });
  window.location.assign(next ?? withBasePath("/signin"));
}
async function signOutAndLeave(): Promise<void> {
  await leave(await providerNext());
}

const itemClass = "block w-full rounded px-3 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-50";

/** Name, current role, sign out, sign out everywhere. A native <details> keeps it keyboard-accessible without extra code. */
export function UserMenu({ name, email, role, canSignOutEverywhere = true }: Props) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function everywhere() {
    setError(null);
    startTransition(async () => {
      // Asked first: once every session is revoked, the server no longer knows who signed in where.
      const next = await providerNext();
      const res = await signOutEverywhereAction();
      if (!res.ok) {
        setError(res.error.message);
        return;
      }
      await leave(next);
    });
  }

  return (
    <details className="relative" data-testid="user-menu">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-100">
        <span className="font-medium text-slate-800">{name}</span>
        {role !== undefined && <Badge data-testid="user-role">{role ?? "no access"}</Badge>}
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
        {email && <p className="truncate px-3 py-1.5 text-xs text-slate-500">{email}</p>}
        <button type="button" className={itemClass} onClick={() => void signOutAndLeave()} data-testid="sign-out">
          Sign out
        </button>
        {canSignOutEverywhere && (
          <button type="button" className={itemClass} onClick={everywhere} disabled={pending} data-testid="sign-out-everywhere">
            {pending ? "Signing out…" : "Sign out everywhere"}
          </button>
        )}
        {error && (
          <p role="alert" className="px-3 py-1.5 text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
