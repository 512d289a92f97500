import Link from "next/link";
import type { ExternalSource, Sources } from "@/lib/domain/dependencies";
import type { ActionResult } from "@/lib/result";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { Badge } from "@/components/ui/badge";
import { externalTarget } from "./external-target";

/** State tab: the workspaces this one's terraform_remote_state data sources read. */
export async function ReadsFrom({ sources }: { sources: Promise<ActionResult<Sources<ExternalSource>>> }) {
  const r = await sources;
  if (r.ok && r.data.producers.length === 0 && r.data.hidden.length === 0 && r.data.external.length === 0) return null;
  return (
    <Card data-testid="reads-from">
      <CardHeader title="Reads from">The outputs this state&apos;s terraform_remote_state data sources read.</CardHeader>
      <CardBody>
        {!r.ok ? (
          <ErrorState error={r.error} compact />
        ) : (
          <ul className="space-y-1 text-sm">
            {r.data.producers.map((p) => (
              <li key={`${p.address}\0${p.backend}\0${p.workspace}`} data-testid="source" data-backend={p.backend} data-workspace={p.workspace} data-dangling={String(p.dangling)}>
                <span className="font-mono text-xs text-slate-700">{p.address}</span> →{" "}
                {p.dangling ? (
                  <>
                    {p.backend}/{p.workspace}{" "}
                    <Badge tone="red">missing: no current state (never written or deleted)</Badge>
                  </>
                ) : (
                  <Link prefetch={false} className="text-blue-700 underline underline-offset-2" href={workspaceHref(p.backend, p.workspace, "outputs")}>
                    {p.backend}/{p.workspace}
                  </Link>
                )}
                {p.inCycle && (
                  <Badge tone="amber" className="ml-2">
                    cycle
                  </Badge>
                )}
              </li>
            ))}
            {r.data.hidden.map((h) => (
              <li key={`hidden\0${h.address}`} data-testid="source-hidden">
                <span className="font-mono text-xs text-slate-700">{h.address}</span> → a workspace in a backend you may not view
              </li>
            ))}
            {r.data.external.map((x) => (
              <li key={`external\0${x.address}`} data-testid="source-external">
                <span className="font-mono text-xs text-slate-700">{x.address}</span> → outside Statehouse: {externalTarget(x)}
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
