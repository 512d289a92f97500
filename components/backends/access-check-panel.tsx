"use client";

import { useState, useTransition } from "react";
import { checkAccessAction } from "@/app/actions/check-access";
import type { ErrorPayload } from "@/lib/errors";
import type { AccessCheck, AccessStatus } from "@/lib/domain/access";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Spinner } from "@/components/ui/spinner";

const TONE: Record<AccessStatus, BadgeTone> = { ok: "green", denied: "red", missing: "amber", error: "red" };

/** Runs the harmless-reads access check on demand (it calls AWS, so not on every page view). */
export function AccessCheckPanel({ backend }: { backend: string }) {
  const [checks, setChecks] = useState<AccessCheck[] | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [pending, start] = useTransition();
  function run() {
    start(async () => {
      const r = await checkAccessAction({ backend });
      setError(r.ok ? null : r.error);
      setChecks(r.ok ? r.data : null);
    });
  }
  return (
    <div className="space-y-2" data-testid="access-check">
      <div className="flex items-center gap-2">
        <Button size="sm" onClick={run} disabled={pending} data-testid="run-access-check">
          {checks ? "Check access again" : "Check access"}
        </Button>
        {pending && <Spinner label="Checking access" />}
      </div>
      {error && <ErrorState error={error} compact />}
      {checks && (
        <table className="w-full text-left text-xs" aria-label={`Access check of ${backend}`}>
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 pr-2 font-medium">Permission</th>
              <th className="py-1 pr-2 font-medium">Probe</th>
              <th className="py-1 font-medium">Result</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => (
              <tr key={c.action} className="border-t border-slate-100 align-top" data-testid="access-check-row" data-action={c.action} data-status={c.status}>
                <td className="py-1 pr-2 font-mono">{c.action}</td>
                <td className="py-1 pr-2 text-slate-600">{c.probe}</td>
                <td className="py-1">
                  <Badge tone={TONE[c.status]}>{c.status}</Badge>
                  {c.message && <span className="ml-2 text-slate-600">{c.message}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
