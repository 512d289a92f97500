import type { ErrorPayload, LockHolder } from "@/lib/errors";
import type { ActionResult } from "@/lib/result";
import { lockKindFacts } from "@/lib/browser-safe/lock-kinds";
import { lockSeverity, operationWords, SEVERITY_WORDS } from "@/lib/browser-safe/lock-words";
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";

/** Who holds each lock, in words: "bob@host, plan, 2 min ago (running), ID …". */
export function LockHolderList({ holders, testId }: { holders: LockHolder[]; testId: string }) {
  return (
    <ul className="mt-1 list-disc pl-5" data-testid={testId}>
      {holders.map((h) => (
        <li key={h.kind} data-testid="lock-holder" data-operation={operationWords(h.operation)}>
          {lockKindFacts(h.kind).short} held by <strong>{h.who}</strong> for <strong>{operationWords(h.operation)}</strong>, taken <RelativeTime iso={h.created} /> (
          {SEVERITY_WORDS[lockSeverity(h.created)]}), ID <code className="font-mono text-xs break-all">{h.id}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * Above a restore preview: the workspace is locked, so the restore would be refused. Said before the
 * admin types anything; the form's button is disabled with the same reason.
 */
export function RestoreLockWarning({ holders, lockHref }: { holders: ActionResult<LockHolder[]>; lockHref: string }) {
  if (!holders.ok) return <LockUnknown error={holders.error} />;
  if (holders.data.length === 0) return null;
  return (
    <div role="status" data-testid="restore-locked-warning" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-semibold">This workspace is locked: it cannot be restored until the lock is released.</p>
      <LockHolderList holders={holders.data} testId="restore-locked-holders" />
      <p className="mt-1">
        Wait for the run to finish, or break an abandoned lock on the{" "}
        <Link href={lockHref} className="font-medium underline">
          Lock tab
        </Link>
        , then review this restore again.
      </p>
    </div>
  );
}

function LockUnknown({ error }: { error: ErrorPayload }) {
  return (
    <p role="status" data-testid="restore-lock-unknown" className="rounded-md border border-slate-300 bg-slate-50 p-2 text-sm text-slate-700">
      Could not read whether the workspace is locked ({error.message}). The restore takes the lock itself and is refused if someone holds it.
    </p>
  );
}
