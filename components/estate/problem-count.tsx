/** The header's problem count: a link to /problems, rendered once the (memoized) estate pass answers. */
import Link from "next/link";

export async function ProblemCount({ count }: { count: Promise<number | null> }) {
  const n = await count;
  return (
    <Link prefetch={false} href="/problems" className="text-sm text-slate-600 hover:text-slate-900" data-testid="nav-problems">
      Problems
      {n !== null && n > 0 && (
        <span className="ml-1 rounded-full bg-red-100 px-1.5 text-xs font-semibold text-red-800 tabular-nums" data-testid="problem-count">
          {n}
        </span>
      )}
    </Link>
  );
}
