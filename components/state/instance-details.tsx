"use client";

import { useState, useTransition } from "react";
import { getInstanceAction } from "@/app/actions/get-instance";
import { revealSensitiveAction } from "@/app/actions/reveal-sensitive";
import type { ErrorPayload } from "@/lib/errors";
import type { InstanceAttributes } from "@/lib/service/state-view";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Spinner } from "@/components/ui/spinner";

interface Props {
  backend: string;
  workspace: string;
  /** The version the page shows, so the attributes come from the same content. */
  versionId?: string;
  address: string;
  deposed?: string;
  sensitive: number;
  canReveal: boolean;
}

/** An instance's attributes, fetched when first expanded (masked); admins may reveal them (audited). */
export function InstanceDetails({ backend, workspace, versionId, address, deposed, sensitive, canReveal }: Props) {
  const [attrs, setAttrs] = useState<InstanceAttributes | null>(null);
  const [revealed, setRevealed] = useState<{ value: unknown } | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [pending, start] = useTransition();
  const ref = { backend, workspace, ...(versionId ? { versionId } : {}), ...(deposed ? { deposed } : {}) };

  function load() {
    if (attrs || pending) return;
    start(async () => {
      const r = await getInstanceAction({ ...ref, address });
      if (r.ok) setAttrs(r.data);
      else setError(r.error);
    });
  }
  function reveal() {
    start(async () => {
      const r = await revealSensitiveAction({ ...ref, resource: address });
      if (r.ok) setRevealed(r.data);
      else setError(r.error);
    });
  }

  return (
    <details onToggle={(e) => e.currentTarget.open && load()} className="group" data-testid="instance-details">
      <summary className="cursor-pointer text-xs text-sky-800 select-none hover:underline">
        Attributes{sensitive > 0 ? ` (${sensitive} sensitive)` : ""}
      </summary>
      <div className="mt-2 space-y-2">
        {pending && <Spinner label="Loading attributes" />}
        {error && <ErrorState error={error} compact />}
        {attrs && (
          <>
            {canReveal && sensitive > 0 && !revealed && (
              <Button size="sm" variant="danger" onClick={reveal} disabled={pending} data-testid="reveal-instance">
                Reveal sensitive values
              </Button>
            )}
            {revealed && <p className="text-xs font-medium text-red-800">Sensitive values revealed (this was recorded in the audit trail).</p>}
            <pre data-testid="instance-attributes" className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs">
              {JSON.stringify(revealed ? revealed.value : attrs.attributes, null, 2)}
            </pre>
            {attrs.dependencies.length > 0 && <p className="text-xs text-slate-600">Depends on: {attrs.dependencies.join(", ")}</p>}
          </>
        )}
      </div>
    </details>
  );
}
