import Link from "next/link";
import { historyHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";

/**
 * "History" of one instance: a small link the State tab and the search results place beside an
 * instance. Never prefetched: the history page reads versions as soon as it opens.
 */
export function HistoryLink({ backend, workspace, address }: { backend: string; workspace: string; address: string }) {
  return (
    <Link prefetch={false} href={historyHref(backend, workspace, address)} className="text-xs text-sky-800 hover:underline" data-testid="history-link" title={`Every version in which ${address} changed`}>
      History
    </Link>
  );
}
