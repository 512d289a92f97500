import type { Metadata } from "next";
import Link from "next/link";
import { estateScope, problemsInScope } from "@/app/(dashboard)/_lib/estate-scope";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { BreakLockForm } from "@/components/lock/break-lock-form";
import { RepairDigestForm } from "@/components/lock/repair-digest-form";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { can } from "@/lib/auth/roles";
import { readLockStatus } from "@/lib/domain/locks";
import type { LockStatus } from "@/lib/domain/locks";
import type { Problem } from "@/lib/problems/rules";
import { toResult } from "@/lib/result";
import { getBackendContext } from "@/lib/domain/backends";
import { loadState } from "@/lib/domain/state";
import { mapLimit } from "@/lib/util/map-limit";

export const metadata: Metadata = { title: "Problems" };

/** Inline repair/break forms need a fresh read per workspace; past this many the rest link to their Lock tab. */
const MAX_INLINE_FIXES = 50;
const TONES = { error: "red", warning: "amber", info: "blue" } as const;

interface Inline {
  status: LockStatus;
  etag: string | null;
}

function key(p: { backend: string; workspace: string | null }): string {
  return `${p.backend}\0${p.workspace ?? ""}`;
}

export default async function ProblemsPage() {
  const r = await toResult(async () => {
    const scope = await estateScope();
    const problems = await problemsInScope(scope);
    const role = (b: string) => scope.roles.get(b) ?? null;
    // Only the fixes the caller may make get the fresh reads their forms need.
    const fixable = problems.filter(
      (p) => p.workspace !== null && ((p.code === "DIGEST_MISMATCH" && can(role(p.backend), "repairDigest")) || (p.code === "STALE_LOCK" && can(role(p.backend), "unlock"))),
    );
    const targets = [...new Map(fixable.map((p) => [key(p), p])).values()].slice(0, MAX_INLINE_FIXES);
    const inline = new Map<string, Inline>();
    await mapLimit(targets, 8, async (p) => {
      const ctx = await getBackendContext(p.backend);
      const status = await readLockStatus(ctx, p.workspace!).catch(() => null);
      if (!status) return;
      const etag = p.code === "DIGEST_MISMATCH" ? await loadState(ctx, p.workspace!).then((s) => s.etag, () => null) : null;
      inline.set(key(p), { status, etag });
    });
    const perms = Object.fromEntries([...scope.roles].map(([b, ro]) => [b, { repair: can(ro, "repairDigest"), unlock: can(ro, "unlock") }]));
    return { problems, inline, perms };
  });
  if (!r.ok) return <ErrorState error={r.error} />;
  const { problems, inline, perms } = r.data;

  function fix(p: Problem) {
    const ws = p.workspace;
    const got = inline.get(key(p));
    if (p.code === "DIGEST_MISMATCH" && ws !== null && perms[p.backend]?.repair && got && got.etag && (got.status.digest.status === "mismatch" || got.status.digest.status === "malformed")) {
      const d = got.status.digest;
      return <RepairDigestForm backend={p.backend} workspace={ws} storedDigest={d.digest} actualDigest={d.status === "mismatch" ? d.actual : null} currentEtag={got.etag} />;
    }
    if (p.code === "STALE_LOCK" && ws !== null && perms[p.backend]?.unlock && got) {
      return (
        <div className="space-y-2">
          {got.status.locks.map((l) => (l.info ? <BreakLockForm key={l.kind} backend={p.backend} target={{ workspace: ws }} lockId={l.info.ID} kind={l.kind} /> : null))}
        </div>
      );
    }
    if (p.code === "DELETED_WORKSPACE" && ws !== null) {
      return (
        <Link prefetch={false} className="text-blue-700 hover:underline" href={workspaceHref(p.backend, ws, "versions")} data-testid="problem-recover">
          Recover from its versions
        </Link>
      );
    }
    if ((p.code === "DIGEST_MISMATCH" || p.code === "STALE_LOCK" || p.code === "UNREADABLE_STATE") && ws !== null) {
      return (
        <Link prefetch={false} className="text-blue-700 hover:underline" href={workspaceHref(p.backend, ws, p.code === "UNREADABLE_STATE" ? "state" : "lock")}>
          {p.code === "UNREADABLE_STATE" ? "Why" : "Open the Lock tab"}
        </Link>
      );
    }
    return <pre tabIndex={0} className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap">{p.fix}</pre>;
  }

  return (
    <div className="space-y-4" data-testid="problems-page">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Problems</h1>
        <p className="text-sm text-slate-600">What needs a person in the backends you may read, each with its fix.</p>
      </div>
      {problems.length === 0 ? (
        <EmptyState title="No problem found">Every backend you may read looks healthy.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {problems.map((p, i) => (
            <li key={i} className="grid gap-2 p-3 text-sm lg:grid-cols-[1fr_22rem]" data-testid="problem" data-code={p.code} data-backend={p.backend} data-workspace={p.workspace ?? ""}>
              <div className="space-y-1">
                <p>
                  <Badge tone={TONES[p.severity]}>{p.severity}</Badge> <span className="font-mono text-xs">{p.code}</span> · {p.backend}
                  {p.workspace !== null && <span className="font-mono text-xs"> / {p.workspace}</span>}
                </p>
                <p className="text-slate-700">{p.message}</p>
              </div>
              <div data-testid="problem-fix">{fix(p)}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
