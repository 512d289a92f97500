import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { getRole } from "@/auth";
import { estateScope, settledProblemsInScope } from "@/app/(dashboard)/_lib/estate-scope";
import { AuthApiBase } from "@/components/auth/auth-api-base";
import { UserMenu } from "@/components/auth/user-menu";
import { KeyboardShortcuts } from "@/components/shell/keyboard-shortcuts";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { ProblemCount } from "@/components/estate/problem-count";
import { SearchBox } from "@/components/estate/search-box";
import { can } from "@/lib/auth/roles";
import { getSecuritySettings } from "@/lib/domain/settings";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // The global role: the audit trail spans backends.
  const { user, role } = await getRole(null);
  // A broken config must not take the whole shell down: the page below reports it.
  // Never waits for an estate pass (the response would stay open for it): the last settled one, else fetched after render.
  const problemCount = user ? estateScope().then(settledProblemsInScope).then((p) => p?.length ?? ("pending" as const), () => null) : Promise.resolve(null);
  const canSignOutEverywhere = await getSecuritySettings().then((s) => Boolean(s.audit.s3), () => false);
  const navLink = "text-sm text-slate-600 hover:text-slate-900";
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2" data-testid="skip-link">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        {/* One row from lg up; below it the links and the search box get rows of their own, so nothing scrolls sideways on a phone. */}
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-2 lg:flex-nowrap">
          <Link href="/" className="flex h-8 items-center gap-2 font-semibold tracking-tight text-slate-900">
            <span aria-hidden className="inline-block size-5 rounded bg-slate-900" />
            Statehouse
          </Link>
          <nav aria-label="Main" className="order-last flex w-full flex-wrap items-center gap-x-4 gap-y-1 sm:order-none sm:w-auto">
            <Link href="/" className={navLink}>
              Backends
            </Link>
            {user && (
              <>
                <Link href="/locks" prefetch={false} className={navLink} data-testid="nav-locks">
                  Locks
                </Link>
                <Link href="/dependencies" prefetch={false} className={navLink} data-testid="nav-dependencies">
                  Dependencies
                </Link>
                <Link href="/changes" prefetch={false} className={navLink} data-testid="nav-changes">
                  Changes
                </Link>
                <Suspense fallback={<span className="text-sm text-slate-500">Problems</span>}>
                  <ProblemCount count={problemCount} />
                </Suspense>
              </>
            )}
            {can(role, "viewAudit") && (
              <Link href="/audit" className={navLink} data-testid="nav-audit">
                Audit trail
              </Link>
            )}
          </nav>
          {user && (
            <div className="order-last w-full lg:order-none lg:ml-auto lg:w-auto lg:max-w-md lg:flex-1">
              <SearchBox />
            </div>
          )}
          <div className="ml-auto flex items-center gap-2 lg:ml-0">
            <ThemeToggle />
            {user ? (
              <AuthApiBase>
                <UserMenu name={user.name} email={user.email} canSignOutEverywhere={canSignOutEverywhere} />
              </AuthApiBase>
            ) : (
              <Link href="/signin" className="text-sm font-medium text-slate-700 hover:text-slate-900">
                Sign in
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 outline-none">
        {children}
      </main>
      {user && <KeyboardShortcuts />}
    </div>
  );
}
