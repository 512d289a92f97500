import type { Metadata } from "next";
import { estateScope } from "@/app/(dashboard)/_lib/estate-scope";
import { EstateLocksTables, type EstateLockRow } from "@/components/locks/estate-locks-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { can } from "@/lib/auth/roles";
import { readEstateLocks, type EstateLock } from "@/lib/domain/estate-locks";
import { formatAgeMs } from "@/lib/problems/rules";
import { toResult } from "@/lib/result";

export const metadata: Metadata = { title: "Locks" };

function severity(l: EstateLock): { tone: "red" | "amber" | "green"; label: string } {
  // Three times past the threshold is far beyond any real run: say so louder than "just stale".
  if (l.stale && l.ageMs !== null && l.ageMs > 3 * l.staleAfterSeconds * 1000) return { tone: "red", label: "probably abandoned" };
  if (l.stale) return { tone: "amber", label: "possibly abandoned" };
  return { tone: "green", label: "recent" };
}

export default async function LocksPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const q = (await searchParams).q;
  const r = await toResult(async () => {
    const scope = await estateScope();
    const estate = await readEstateLocks(scope.contexts);
    const canUnlock = Object.fromEntries([...scope.roles].map(([b, role]) => [b, can(role, "unlock")]));
    return { locks: estate.locks, warnings: estate.warnings, canUnlock };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { locks, warnings, canUnlock } = r.data;
  const row = (l: EstateLock): EstateLockRow => ({
    key: `${l.backend}\0${l.kind}\0${l.location}`,
    backend: l.backend,
    workspace: l.workspace,
    kind: l.kind,
    id: l.id,
    who: l.who,
    operationWords: l.operationWords,
    version: l.version,
    created: l.created,
    age: l.ageMs === null ? "?" : formatAgeMs(l.ageMs),
    severity: severity(l),
    stale: l.stale,
    stateKey: l.stateKey,
    location: l.location,
    ...(l.orphanReason ? { orphanReason: l.orphanReason } : {}),
    // A lock whose info cannot be parsed has no ID to confirm: the Lock tab explains it instead.
    breakable: Boolean(canUnlock[l.backend]) && l.id !== "",
  });
  const live = locks.filter((l) => !l.orphan).map(row);
  const orphans = locks.filter((l) => l.orphan).map(row);
  return (
    <div className="space-y-6" data-testid="locks-page">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Locks</h1>
        <p className="text-sm text-slate-600">Every lock held in the backends you may read, both kinds, oldest first. A lock older than its backend&apos;s threshold (default 1 hour) is probably abandoned.</p>
      </div>
      {warnings.map((w, i) => (
        <ErrorState key={i} error={{ code: w.code, message: `${w.backend}: ${w.message}` }} compact />
      ))}
      {live.length === 0 && <EmptyState title="No lock held">No workspace of the backends you may read is locked.</EmptyState>}
      <EstateLocksTables live={live} orphans={orphans} initialQuery={typeof q === "string" ? q.slice(0, 200) : ""} />
    </div>
  );
}
