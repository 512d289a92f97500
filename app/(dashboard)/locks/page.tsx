import type { Metadata } from "next";
import Link from "next/link";
import { estateScope } from "@/app/(dashboard)/_lib/estate-scope";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { BreakLockForm } from "@/components/lock/break-lock-form";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
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

export default async function LocksPage() {
  const r = await toResult(async () => {
    const scope = await estateScope();
    const estate = await readEstateLocks(scope.contexts);
    const canUnlock = Object.fromEntries([...scope.roles].map(([b, role]) => [b, can(role, "unlock")]));
    return { locks: estate.locks, warnings: estate.warnings, canUnlock };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { locks, warnings, canUnlock } = r.data;
  const live = locks.filter((l) => !l.orphan);
  const orphans = locks.filter((l) => l.orphan);
  return (
    <div className="space-y-6" data-testid="locks-page">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Locks</h1>
        <p className="text-sm text-slate-600">Every lock held in the backends you may read, both kinds, oldest first. A lock older than its backend&apos;s threshold (default 1 hour) is probably abandoned.</p>
      </div>
      {warnings.map((w, i) => (
        <ErrorState key={i} error={{ code: w.code, message: `${w.backend}: ${w.message}` }} compact />
      ))}
      {live.length === 0 ? (
        <EmptyState title="No lock held">No workspace of the backends you may read is locked.</EmptyState>
      ) : (
        <table className="w-full text-left text-sm" aria-label="Locks held">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-1">Backend / workspace</th>
              <th>Kind</th>
              <th>Holder</th>
              <th>Operation</th>
              <th>Version</th>
              <th>Created</th>
              <th>Age</th>
              <th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {live.map((l) => {
              const sev = severity(l);
              return (
                <tr key={`${l.backend}\0${l.kind}\0${l.location}`} data-testid="estate-lock" data-backend={l.backend} data-workspace={l.workspace ?? ""} data-lock-kind={l.kind} data-stale={String(l.stale)} className="align-top">
                  <td className="py-2">
                    {l.backend} /{" "}
                    {l.workspace !== null ? (
                      <Link prefetch={false} className="font-mono text-xs text-blue-700 hover:underline" href={workspaceHref(l.backend, l.workspace, "lock")}>
                        {l.workspace}
                      </Link>
                    ) : (
                      "?"
                    )}
                  </td>
                  <td>{l.kind === "dynamodb" ? "DynamoDB" : ".tflock"}</td>
                  <td className="font-mono text-xs">{l.who || "(unknown)"}</td>
                  <td>{l.operationWords}</td>
                  <td>{l.version}</td>
                  <td>
                    <RelativeTime iso={l.created} />
                  </td>
                  <td>
                    {l.ageMs === null ? "?" : formatAgeMs(l.ageMs)}{" "}
                    <Badge tone={sev.tone} data-testid="lock-severity">
                      {sev.label}
                    </Badge>
                  </td>
                  <td className="w-72">{canUnlock[l.backend] && l.workspace !== null && <BreakLockForm backend={l.backend} workspace={l.workspace} lockId={l.id} kind={l.kind} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {orphans.length > 0 && (
        <section className="space-y-2" data-testid="orphan-locks">
          <h2 className="text-lg font-semibold text-slate-900">Orphans</h2>
          <p className="text-sm text-slate-600">Lock items that no workspace listing shows: their state is gone or lies outside every configured prefix.</p>
          <ul className="space-y-1 text-sm">
            {orphans.map((l) => (
              <li key={`${l.backend}\0${l.kind}\0${l.location}`} data-testid="orphan-lock">
                <span className="font-mono text-xs">{l.location}</span> ({l.kind === "dynamodb" ? "DynamoDB" : ".tflock"}, {l.who || "unknown holder"}, {l.operationWords}): {l.orphanReason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
