import Link from "next/link";
import type { Readers } from "@/lib/domain/dependencies";
import type { ActionResult } from "@/lib/result";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { Badge } from "@/components/ui/badge";
import { HiddenNote } from "./hidden-note";

/** Outputs tab: the workspaces whose terraform_remote_state reads this one, each with its data source's address. */
export async function ReadBy({ readers }: { readers: Promise<ActionResult<Readers>> }) {
  const r = await readers;
  return (
    <Card data-testid="read-by">
      <CardHeader title="Read by">Workspaces whose current state holds a terraform_remote_state reading this workspace: a change to an output reaches their next plan.</CardHeader>
      <CardBody>
        {!r.ok ? (
          <ErrorState error={r.error} compact />
        ) : r.data.consumers.length === 0 && r.data.hidden === 0 ? (
          <p className="text-sm text-slate-600" data-testid="read-by-none">
            No workspace Statehouse knows reads these outputs.
          </p>
        ) : (
          <ul className="space-y-1 text-sm">
            {r.data.consumers.map((c) => (
              <li key={`${c.backend}\0${c.workspace}\0${c.address}`} data-testid="reader" data-backend={c.backend} data-workspace={c.workspace}>
                <Link prefetch={false} className="text-blue-700 underline underline-offset-2" href={workspaceHref(c.backend, c.workspace, "state")}>
                  {c.backend}/{c.workspace}
                </Link>{" "}
                <span className="font-mono text-xs text-slate-700" data-testid="reader-address">
                  {c.address}
                </span>
                {c.inCycle && (
                  <Badge tone="amber" className="ml-2">
                    cycle
                  </Badge>
                )}
              </li>
            ))}
            <HiddenNote count={r.data.hidden} what="reader" />
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
