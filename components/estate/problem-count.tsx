/** The header's problem count: a link to /problems, rendered from the last settled estate pass (or fetched after render before there is one). */
import Link from "next/link";
import { ProblemCountAfterRender } from "./problems-after-render";
import { ProblemCountBubble } from "./problem-count-bubble";

export async function ProblemCount({ count }: { count: Promise<number | "pending" | null> }) {
  const n = await count;
  return (
    <Link prefetch={false} href="/problems" className="text-sm text-slate-600 hover:text-slate-900" data-testid="nav-problems">
      Problems
      {n === "pending" ? <ProblemCountAfterRender /> : n !== null && <ProblemCountBubble count={n} />}
    </Link>
  );
}
