"use client";

import { signOut } from "next-auth/react";
import { useState, useTransition } from "react";
import { signOutEverywhereAction } from "@/app/(auth)/actions/sign-out-everywhere";
import { Badge } from "@/components/ui/badge";
import type { Role } from "@/lib/auth/types";

interface Props {
  name: string;
  email?: string;
  /** The role on the backend being viewed (null = none); omit outside a backend. */
  role?: Role | null;
  /** Hide "sign out everywhere" when no S3 location keeps the sign-out time. */
  canSignOutEverywhere?: boolean;
}

const itemClass = "block w-full rounded px-3 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-50";

/** Name, current role, sign out, sign out everywhere. A native <details> keeps it keyboard-accessible without extra code. */
export function UserMenu({ name, email, role, canSignOutEverywhere = true }: Props) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function everywhere() {
    setError(null);
    startTransition(async () => {
      const res = await signOutEverywhereAction();
      if (!res.ok) {
        setError(res.error.message);
        return;
      }
      await signOut({ callbackUrl: "/signin" });
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
        <button type="button" className={itemClass} onClick={() => void signOut({ callbackUrl: "/signin" })} data-testid="sign-out">
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
