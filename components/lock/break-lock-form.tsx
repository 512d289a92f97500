"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { breakLockAction } from "@/app/actions/break-lock";
import type { LockKind } from "@/lib/domain/locks";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Spinner } from "@/components/ui/spinner";
import { useWriteAction } from "@/components/forms/use-write-action";
import { AuditWarningNotice } from "@/components/audit/audit-warning";

/**
 * Breaking a lock kills whatever run holds it, so the user must type the lock's ID (or paste it
 * from the card): the confirmation names exactly the lock that gets released, like `force-unlock ID`.
 */
export function BreakLockForm({ backend, workspace, lockId, kind }: { backend: string; workspace: string; lockId: string; kind: LockKind }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const { run, error, pending, auditWarning, acknowledge } = useWriteAction(() => {
    setOpen(false);
    // The card that held this form disappears: the Lock tab shows a focused, announced confirmation instead,
    // and the refresh re-renders the header badge and the lists.
    router.replace(`?released=${kind}`);
    router.refresh();
  });
  const inputId = `confirm-lock-${kind}`;
  // Closing the form without breaking the lock gives focus back to the button that opened it.
  const opener = useRef<HTMLButtonElement>(null);
  const closed = useRef(false);
  useEffect(() => {
    if (!open && closed.current) opener.current?.focus();
  }, [open]);
  const cancel = () => {
    closed.current = true;
    setOpen(false);
  };

  if (!open) {
    return (
      <Button ref={opener} variant="danger" size="sm" onClick={() => setOpen(true)} data-testid="break-lock-button" data-lock-kind={kind}>
        Break lock…
      </Button>
    );
  }
  return (
    <form
      className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3"
      data-testid="break-lock-form"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !pending) cancel();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        run(() => breakLockAction({ backend, workspace, lockId, kind }));
      }}
    >
      <p className="text-sm text-red-900">
        Breaking the lock lets other runs write this state. If the holder is still running, its state write can be lost or conflict. Only break locks of runs that are known to be dead.
      </p>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        Type, paste or pick the lock ID <code className="font-mono text-xs select-all">{lockId}</code> to confirm
      </label>
      <input
        id={inputId}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        // Opening the form moves focus into it (the button that opened it is gone).
        autoFocus
        data-testid="confirm-lock-id"
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
      />
      {/* Retyping a 36-character UUID proves nothing more than picking the one shown: the ID is still named explicitly. */}
      <Button size="sm" onClick={() => setTyped(lockId)} disabled={pending || typed === lockId} data-testid="use-lock-id">
        Use the ID shown
      </Button>
      <div className="flex items-center gap-2">
        <Button type="submit" variant="danger" size="sm" disabled={typed.trim() !== lockId || pending} data-testid="confirm-break-lock">
          Break this lock
        </Button>
        <Button size="sm" variant="ghost" onClick={cancel} disabled={pending}>
          Cancel
        </Button>
        {pending && <Spinner label="Releasing the lock" />}
      </div>
      {error && <ErrorState error={error} compact />}
      {auditWarning && <AuditWarningNotice warning={auditWarning} onContinue={acknowledge} />}
    </form>
  );
}
