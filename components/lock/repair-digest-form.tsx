"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { repairDigestAction } from "@/app/actions/repair-digest";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Spinner } from "@/components/ui/spinner";
import { useWriteAction } from "@/components/forms/use-write-action";
import { AuditWarningNotice } from "@/components/audit/audit-warning";

/**
 * Shows the stored and the actual digest side by side before confirming: the repair overwrites
 * the stored value, so the admin must see what is replaced. The action re-checks both on the
 * server (stored digest unchanged, current object ETag unchanged) and refuses while locked.
 */
export function RepairDigestForm({
  backend,
  workspace,
  storedDigest,
  actualDigest,
  currentEtag,
}: {
  backend: string;
  workspace: string;
  storedDigest: string | null;
  actualDigest: string | null;
  currentEtag: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, error, pending, auditWarning, acknowledge } = useWriteAction(() => {
    setOpen(false);
    // Confirmation stays on screen (focused, announced) on the Lock tab after the refresh.
    router.replace("?repaired=1");
    router.refresh();
  });

  // Opening moves focus to the form (its button is gone); closing gives it back to the button.
  const opener = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLDivElement>(null);
  const toggled = useRef(false);
  useEffect(() => {
    if (!toggled.current) return;
    if (open) form.current?.focus();
    else opener.current?.focus();
  }, [open]);
  const toggle = (next: boolean) => {
    toggled.current = true;
    setOpen(next);
  };

  if (!open) {
    return (
      <Button ref={opener} size="sm" onClick={() => toggle(true)} data-testid="repair-digest-button">
        Repair digest…
      </Button>
    );
  }
  return (
    <div
      ref={form}
      tabIndex={-1}
      role="group"
      aria-label="Repair the stored digest"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !pending) toggle(false);
      }}
      className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm"
      data-testid="repair-digest-form"
    >
      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-600">Stored digest (replaced)</dt>
        <dd className="font-mono break-all" data-testid="repair-stored-digest">{storedDigest ?? "(none)"}</dd>
        <dt className="text-slate-600">MD5 of current object</dt>
        <dd className="font-mono break-all" data-testid="repair-actual-digest">{actualDigest ?? "(computed on confirm)"}</dd>
      </dl>
      <p className="text-slate-700">
        After the repair, terraform and tofu accept the current object as it is. Only do this if the current object is the state you want: otherwise restore the right version instead.
      </p>
      <div className="flex items-center gap-2">
        <Button variant="primary" size="sm" onClick={() => run(() => repairDigestAction({ backend, workspace, expectedDigest: storedDigest, currentEtag }))} disabled={pending} data-testid="confirm-repair-digest">
          Write the new digest
        </Button>
        <Button variant="ghost" size="sm" onClick={() => toggle(false)} disabled={pending}>
          Cancel
        </Button>
        {pending && <Spinner label="Writing the digest" />}
      </div>
      {error && <ErrorState error={error} compact />}
      {auditWarning && <AuditWarningNotice warning={auditWarning} onContinue={acknowledge} />}
    </div>
  );
}
