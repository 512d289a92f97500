"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useTransition } from "react";
import { getInstanceAction } from "@/app/actions/get-instance";
import { revealSensitiveAction } from "@/app/actions/reveal-sensitive";
import type { ErrorPayload } from "@/lib/errors";
import type { InstanceAttributes } from "@/lib/domain/state";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Spinner } from "@/components/ui/spinner";
import { RevealAuditNote } from "@/components/audit/audit-warning";
import { AttributeTable } from "./attribute-table";
import { HistoryLink } from "@/components/history/history-link";

interface Props {
  backend: string;
  workspace: string;
  /** The version the page shows, so the attributes come from the same content. */
  versionId?: string;
  address: string;
  deposed?: string;
  sensitive: number;
  canReveal: boolean;
  /** Kept by the list: a virtualized row is unmounted when scrolled away and must reopen as it was. */
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Where a dependency's address leads: the State tab filtered to it. */
  dependencyHref: (address: string) => string;
}

/**
 * An instance's attributes, fetched when first expanded (masked) and kept in the query cache, so a
 * row scrolled out and back shows them at once; admins may reveal them (audited, never cached).
 */
export function InstanceDetails({ backend, workspace, versionId, address, deposed, sensitive, canReveal, open, onOpenChange, dependencyHref }: Props) {
  const ref = { backend, workspace, ...(versionId ? { versionId } : {}), ...(deposed ? { deposed } : {}) };
  const attrs = useQuery<InstanceAttributes, ErrorPayload>({
    queryKey: ["instance", backend, workspace, versionId ?? "", address, deposed ?? ""],
    queryFn: async () => {
      const r = await getInstanceAction({ ...ref, address });
      if (!r.ok) throw r.error;
      return r.data;
    },
    enabled: open,
    // Pinned to a version (or the current one for this page view): the content does not change under it.
    staleTime: Infinity,
  });
  const [revealed, setRevealed] = useState<{ value: unknown; auditWarning?: ErrorPayload } | null>(null);
  const [revealError, setRevealError] = useState<ErrorPayload | null>(null);
  const [revealing, start] = useTransition();
  const [raw, setRaw] = useState(false);

  function reveal() {
    start(async () => {
      const r = await revealSensitiveAction({ ...ref, resource: address });
      if (r.ok) setRevealed(r.data);
      else setRevealError(r.error);
    });
  }

  const error = attrs.error ?? revealError;
  return (
    <details open={open} onToggle={(e) => e.currentTarget.open !== open && onOpenChange(e.currentTarget.open)} className="group" data-testid="instance-details">
      <summary className="cursor-pointer text-xs text-sky-800 select-none hover:underline">
        Attributes{sensitive > 0 ? ` (${sensitive} sensitive)` : ""}
      </summary>
      {open && (
        <div className="mt-2 space-y-2">
          <HistoryLink backend={backend} workspace={workspace} address={address} />
          {(attrs.isFetching || revealing) && <Spinner label="Loading attributes" />}
          {error && <ErrorState error={error} compact />}
          {attrs.data && (
            <>
              {canReveal && sensitive > 0 && !revealed && (
                <Button size="sm" variant="danger" onClick={reveal} disabled={revealing} data-testid="reveal-instance">
                  Reveal sensitive values
                </Button>
              )}
              {revealed && <RevealAuditNote warning={revealed.auditWarning} />}
              <div className="flex items-center gap-2" role="group" aria-label="Attribute view">
                <Button size="sm" variant={raw ? "ghost" : "secondary"} aria-pressed={!raw} onClick={() => setRaw(false)} data-testid="attributes-as-table">
                  Table
                </Button>
                <Button size="sm" variant={raw ? "secondary" : "ghost"} aria-pressed={raw} onClick={() => setRaw(true)} data-testid="attributes-as-json">
                  Raw JSON
                </Button>
              </div>
              {raw ? (
                <pre tabIndex={0} data-testid="instance-attributes" className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs">
                  {JSON.stringify(revealed ? revealed.value : attrs.data.attributes, null, 2)}
                </pre>
              ) : (
                <div role="region" className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-white" tabIndex={0} aria-label={`Attributes of ${address}`}>
                  <AttributeTable value={revealed ? revealed.value : attrs.data.attributes} />
                </div>
              )}
              {attrs.data.dependencies.length > 0 && (
                <div className="text-xs text-slate-600" data-testid="instance-dependencies">
                  Depends on:{" "}
                  {attrs.data.dependencies.map((d, n) => (
                    <span key={d}>
                      {n > 0 && ", "}
                      <Link href={dependencyHref(d)} className="font-mono text-sky-800 hover:underline" data-testid="dependency-link">
                        {d}
                      </Link>
                    </span>
                  ))}
                </div>
              )}
            </>
          )}
        </div>
      )}
    </details>
  );
}
