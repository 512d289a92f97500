"use client";

import type { ErrorPayload } from "@/lib/errors";
import { Button } from "@/components/ui/button";

/** A completed write whose audit event was not stored: say so plainly before moving on. */
export function AuditWarningNotice({ warning, onContinue }: { warning: ErrorPayload; onContinue: () => void }) {
  return (
    <div role="alert" data-testid="audit-warning" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <p className="font-semibold">Done, but not recorded in the audit trail</p>
      <p>{warning.message}</p>
      {warning.hint && <p>{warning.hint}</p>}
      <Button size="sm" onClick={onContinue} data-testid="audit-warning-continue">
        Continue
      </Button>
    </div>
  );
}

/** Under a revealed value: whether the reveal is in the audit trail, as every reveal must be. */
export function RevealAuditNote({ warning }: { warning?: ErrorPayload }) {
  if (!warning) return <p className="text-xs font-medium text-red-800">Sensitive values revealed (this was recorded in the audit trail).</p>;
  return (
    <p role="alert" data-testid="reveal-audit-warning" className="text-xs font-medium text-amber-900">
      Revealed, but not recorded in the audit trail: {warning.message}
    </p>
  );
}
