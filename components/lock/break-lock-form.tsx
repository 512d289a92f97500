"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { breakLockAction } from "@/app/actions/break-lock";
import { breakOrphanLockAction } from "@/app/actions/break-orphan-lock";
import type { LockKind } from "@/lib/domain/locks";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Spinner } from "@/components/ui/spinner";
import { ConfirmInput, isConfirmed } from "@/components/forms/confirm-input";
import { useWriteAction } from "@/components/forms/use-write-action";
import { AuditWarningNotice } from "@/components/audit/audit-warning";

/**
 * Breaking a lock kills whatever run holds it, so the user must type the lock's ID (or paste it
 * from the card): the confirmation names exactly the lock that gets released, like `force-unlock ID`.
 */
export function BreakLockForm({
  backend,
  target,
  lockId,
  kind,
  defaultOpen = false,
  onClose,
}: {
  backend: string;
  /** A workspace's lock, or an orphan's (no workspace shows it) by the state key it is for. */
  target: { workspace: string } | { stateKey: string };
  lockId: string;
  kind: LockKind;
  /** Open at once (the Locks page opens it from a row's button); Cancel then calls onClose. */
  defaultOpen?: boolean;
  onClose?: () => void;
}) {
  const router = useRouter();
  const [open, setOpenState] = useState(defaultOpen);
  const setOpen = (v: boolean) => {
    setOpenState(v);
    if (!v) onClose?.();
  };
  const [typed, setTyped] = useState("");
  const { run, error, pending, auditWarning, acknowledge } = useWriteAction(() => {
    setOpen(false);
    // The card that held this form disappears: the Lock tab shows a focused, announced confirmation instead,
    // and the refresh re-renders the header badge and the lists.
    // Elsewhere (the Locks page) the lock's row disappears on refresh, and the page's URL (its filter) stays.
    if ("workspace" in target && !onClose) router.replace(`?released=${kind}`);
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
        run(() => ("workspace" in target ? breakLockAction({ backend, workspace: target.workspace, lockId, kind }) : breakOrphanLockAction({ backend, stateKey: target.stateKey, lockId, kind })));
      }}
    >
      <p className="text-sm text-red-900">
        Breaking the lock lets other runs write this state. If the holder is still running, its state write can be lost or conflict. Only break locks of runs that are known to be dead.
      </p>
      <ConfirmInput
        id={inputId}
        label={
          <>
            Type, paste or pick the lock ID <code className="font-mono text-xs select-all">{lockId}</code> to confirm
          </>
        }
        value={typed}
        onChange={setTyped}
        testId="confirm-lock-id"
        // Opening the form moves focus into it (the button that opened it is gone).
        autoFocus
      />
      {/* Retyping a 36-character UUID proves nothing more than picking the one shown: the ID is still named explicitly. */}
      <Button size="sm" onClick={() => setTyped(lockId)} disabled={pending || typed === lockId} data-testid="use-lock-id">
        Use the ID shown
      </Button>
      <div className="flex items-center gap-2">
        <Button type="submit" variant="danger" size="sm" disabled={!isConfirmed(typed, lockId) || pending} data-testid="confirm-break-lock">
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
