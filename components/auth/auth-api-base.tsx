"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { BASE_PATH, withBasePath } from "@/lib/browser-safe/base-path";

/**
 * Points next-auth's browser calls (signIn, signOut) at its API under the path prefix: next-auth's client
 * otherwise assumes /api/auth. At the root it renders its children alone. No session is fetched (session={null}).
 */
export function AuthApiBase({ children }: { children: ReactNode }) {
  if (!BASE_PATH) return <>{children}</>;
  return (
    <SessionProvider basePath={withBasePath("/api/auth")} session={null} refetchOnWindowFocus={false} refetchInterval={0}>
      {children}
    </SessionProvider>
  );
}
