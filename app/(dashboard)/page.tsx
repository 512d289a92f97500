import type { Metadata } from "next";
import { getRole } from "@/auth";
import { backendStatsInScope, estateScope } from "@/app/(dashboard)/_lib/estate-scope";
import { NoAccess } from "@/components/auth/no-access";
import { BackendCard } from "@/components/backends/backend-card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { UnauthenticatedError } from "@/lib/errors";
import { toResult } from "@/lib/result";
import { getVersioning } from "@/lib/domain/versions";
import { getBackendContext, listBackends } from "@/lib/domain/backends";
import { iamPolicyJson } from "@/lib/domain/access";

export const metadata: Metadata = { title: "Backends" };

export default async function BackendsPage() {
  const r = await toResult(async () => {
    const backends = await listBackends();
    const roles = await Promise.all(backends.map((b) => getRole(b.name)));
    const visible = backends.filter((_, i) => roles[i]?.role);
    // Nobody signed in and no anonymous access: say so rather than show an empty list.
    if (visible.length === 0 && backends.length > 0 && !roles.some((x) => x.user)) throw new UnauthenticatedError();
    const signedIn = roles.find((x) => x.user)?.user ?? null;
    return { visible, total: backends.length, signedIn };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { visible, total, signedIn } = r.data;
  // Signed in, but no rule gives a role anywhere: a clear "no access", not an empty dashboard.
  if (visible.length === 0 && total > 0 && signedIn) return <NoAccess user={signedIn} />;
  // One memoized estate pass for every card, streamed into each.
  const stats = visible.length > 0 ? estateScope().then(backendStatsInScope, () => null) : Promise.resolve(null);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Backends</h1>
        <p className="text-sm text-slate-600">The s3 backends in the Statehouse config you may read: where their state lives, how it is locked, and whether it can be recovered.</p>
      </div>
      {visible.length === 0 ? (
        <EmptyState title={total === 0 ? "No backends configured" : "No backend you may read"}>
          {total === 0 ? "Add backends to the Statehouse config file (STATEHOUSE_CONFIG, default ./statehouse.config.json) and restart." : "Ask an admin to give you a role on a backend."}
        </EmptyState>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2" aria-label="Backends">
          {visible.map((def) => (
            <li key={def.name}>
              {/* Only backends the caller may read reach here (visible above). */}
              <BackendCard
                def={def}
                versioning={toResult(async () => getVersioning(await getBackendContext(def.name)))}
                stats={stats.then((s) => s?.[def.name] ?? null)}
                policies={{ read: iamPolicyJson(def.options, "read"), admin: iamPolicyJson(def.options, "admin") }}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
