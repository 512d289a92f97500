"use client";

import { useState, useTransition } from "react";
import { revealSensitiveAction } from "@/app/actions/reveal-sensitive";
import type { ErrorPayload } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { RevealAuditNote } from "@/components/audit/audit-warning";

/** Admin-only: fetches one sensitive output in clear (audited) on an explicit click. */
export function OutputReveal({ backend, workspace, versionId, output }: { backend: string; workspace: string; versionId?: string; output: string }) {
  const [value, setValue] = useState<{ value: unknown; auditWarning?: ErrorPayload } | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [pending, start] = useTransition();
  if (value) {
    return (
      <span className="inline-flex flex-col gap-1">
        <pre tabIndex={0} data-testid="revealed-value" className="overflow-auto rounded border border-red-200 bg-red-50 p-1.5 font-mono text-xs text-red-950">
          {JSON.stringify(value.value, null, 2)}
        </pre>
        <RevealAuditNote warning={value.auditWarning} />
      </span>
    );
  }
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        size="sm"
        variant="danger"
        disabled={pending}
        data-testid="reveal-output"
        onClick={() =>
          start(async () => {
            const r = await revealSensitiveAction({ backend, workspace, output, ...(versionId ? { versionId } : {}) });
            if (r.ok) setValue(r.data);
            else setError(r.error);
          })
        }
      >
        {pending ? "Revealing…" : "Reveal"}
      </Button>
      {error && <ErrorState error={error} compact />}
    </span>
  );
}
