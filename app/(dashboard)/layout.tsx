import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { getRole } from "@/auth";
import { estateScope, problemsInScope } from "@/app/actions/estate-scope";
import { UserMenu } from "@/components/auth/user-menu";
import { ProblemCount } from "@/components/estate/problem-count";
import { SearchBox } from "@/components/estate/search-box";
import { can } from "@/lib/auth/roles";
import { getSecuritySettings } from "@/lib/domain/settings";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // The global role: the audit trail spans backends.
  const { user, role } = await getRole(null);
  // A broken config must not take the whole shell down: the page below reports it.
  // Streamed below the shell: a slow estate pass must not hold up every page.
  const problemCount = user ? estateScope().then(problemsInScope).then((p) => p.length, () => null) : Promise.resolve(null);
  const canSignOutEverywhere = await getSecuritySettings().then((s) => Boolean(s.audit.s3), () => false);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-12 max-w-7xl items-center justify-between gap-4 px-4">
          <nav aria-label="Main" className="flex items-center gap-5">
            <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
              <span aria-hidden className="inline-block size-5 rounded bg-slate-900" />
              Statehouse
            </Link>
            <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
              Backends
            </Link>
            {user && (
              <>
                <Link href="/locks" prefetch={false} className="text-sm text-slate-600 hover:text-slate-900" data-testid="nav-locks">
                  Locks
                </Link>
                <Link href="/changes" prefetch={false} className="text-sm text-slate-600 hover:text-slate-900" data-testid="nav-changes">
                  Changes
                </Link>
                <Suspense fallback={<span className="text-sm text-slate-400">Problems</span>}>
                  <ProblemCount count={problemCount} />
                </Suspense>
              </>
            )}
            {can(role, "viewAudit") && (
              <Link href="/audit" className="text-sm text-slate-600 hover:text-slate-900" data-testid="nav-audit">
                Audit trail
              </Link>
            )}
          </nav>
          {user && <SearchBox />}
          {user ? (
            <UserMenu name={user.name} email={user.email} canSignOutEverywhere={canSignOutEverywhere} />
          ) : (
            <Link href="/signin" className="text-sm font-medium text-slate-700 hover:text-slate-900">
              Sign in
            </Link>
          )}
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
