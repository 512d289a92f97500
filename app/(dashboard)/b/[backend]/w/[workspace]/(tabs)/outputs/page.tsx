import { Suspense } from "react";
import { readersForCaller } from "@/app/(dashboard)/_lib/dependency-scope";
import { ReadBy } from "@/components/dependencies/read-by";
import { flatOutputAttributes, maskSensitive, remoteStateOutputs, remoteStateSnippetFor } from "@/lib/domain/outputs";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState } from "@/components/ui/empty-state";
import { OutputsTable } from "@/components/outputs/outputs-table";
import { loadTabState, pinnedVersion, versionParam } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/load-tab-state";
import { StateContentProblem, StateLoadError } from "@/components/state/state-problem";
import { StateSummary } from "@/components/state/state-summary";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { workspaceRoute, type WorkspaceRouteParams } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/workspace-route";
import { workspacePageTitle } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/page-title";

export const generateMetadata = workspacePageTitle("Outputs");

/** A data source name derived from the backend name, valid in HCL ("prod-network" stays as is). */
function dataSourceName(backend: string): string {
  const n = backend.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(n) ? n : `_${n}`;
}

export default async function OutputsPage({ params, searchParams }: { params: WorkspaceRouteParams; searchParams: Promise<{ version?: string | string[] }> }) {
  const { backend, workspace } = await workspaceRoute(params);
  const version = versionParam((await searchParams).version);
  const r = await loadTabState(backend, workspace, version);
  if (!r.ok) return <StateLoadError error={r.error} backend={backend} workspace={workspace} version={version} />;
  const { ctx, loaded, canReveal } = r.data;
  if (loaded.result.kind !== "state") return <StateContentProblem result={loaded.result} />;
  const state = loaded.result.state;

  // Masked here, on the server: nothing below receives a sensitive value.
  const outputs = maskSensitive(remoteStateOutputs(state).outputs);
  const list = Object.values(outputs);
  const dataName = dataSourceName(backend);
  const snippet = remoteStateSnippetFor(ctx.def, workspace, dataName);
  const json = JSON.stringify(Object.fromEntries(list.map((o) => [o.name, { sensitive: o.sensitive, type: o.type, value: o.value }])), null, 2);

  return (
    <div className="space-y-4" data-testid="outputs-tab">
      <StateSummary loaded={loaded} state={state} pinned={version !== undefined} currentHref={workspaceHref(backend, workspace, "outputs")} />
      <Card>
        <CardHeader title="Read these outputs from another configuration">Paste this data source; each output is then available at its reference below.</CardHeader>
        <CardBody>
          <CodeBlock code={snippet} label="terraform_remote_state data source" testId="remote-state-snippet" />
        </CardBody>
      </Card>
      <Suspense fallback={null}>
        <ReadBy readers={readersForCaller(backend, workspace)} />
      </Suspense>
      {list.length === 0 ? (
        <EmptyState title="No outputs">
          This state has no root module outputs, so <code>data.terraform_remote_state.{dataName}.outputs</code> is an empty object. Outputs of nested modules are visible only if the root module re-exports them.
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="outputs-heading" className="space-y-2">
            <h2 id="outputs-heading" className="text-sm font-semibold text-slate-900">
              Outputs <span className="font-normal text-slate-500">· {list.length}</span>
            </h2>
            <OutputsTable outputs={list} dataName={dataName} backend={backend} workspace={workspace} versionId={pinnedVersion(version, loaded.versionId)} canReveal={canReveal} />
          </section>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card>
              <CardHeader title="JSON">As terraform output -json, sensitive values masked.</CardHeader>
              <CardBody>
                <CodeBlock code={json} label="outputs as JSON" testId="outputs-json" />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Flat attributes">As the remote state data source lists them.</CardHeader>
              <CardBody>
                <CodeBlock code={flatOutputAttributes(outputs).join("\n")} label="flat output attributes" testId="outputs-flat" />
              </CardBody>
            </Card>
          </div>
        </>
      )}
    </div>
  );
}
