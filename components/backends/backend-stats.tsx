/** A backend's estate figures on its card: workspaces, locked, problems (streamed; absent when the pass failed). */
import Link from "next/link";
import type { BackendStats } from "@/app/(dashboard)/_lib/estate-scope";

export type { BackendStats };

export async function BackendStatsLine({ stats }: { stats: Promise<BackendStats | null> }) {
  const s = await stats;
  if (!s) return <span className="text-slate-500">unavailable</span>;
  const fmt = (n: number) => n.toLocaleString("en-US");
  return (
    <span data-testid="backend-stats">
      <span data-testid="backend-stat-workspaces">{fmt(s.workspaces)}</span> workspaces ·{" "}
      <Link prefetch={false} href="/locks" className="hover:underline">
        <span data-testid="backend-stat-locked">{fmt(s.locked)}</span> locked
      </Link>{" "}
      ·{" "}
      <Link prefetch={false} href="/problems" className={s.problems > 0 ? "text-red-700 hover:underline" : "hover:underline"}>
        <span data-testid="backend-stat-problems">{fmt(s.problems)}</span> problems
      </Link>
    </span>
  );
}
