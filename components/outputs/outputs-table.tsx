import type { RemoteOutput } from "@/lib/state/remote-state";
import { outputReference } from "@/lib/state/remote-state";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { OutputReveal } from "./output-reveal";

interface Props {
  /** Already masked on the server: sensitive values are the marker. */
  outputs: RemoteOutput[];
  dataName: string;
  backend: string;
  workspace: string;
  versionId?: string;
  canReveal: boolean;
}

/** What `data.terraform_remote_state` exposes: name, type, value, and the reference to paste. */
export function OutputsTable({ outputs, dataName, backend, workspace, versionId, canReveal }: Props) {
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" aria-label="Outputs">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">Output</th>
            <th scope="col" className="hidden px-3 py-2 md:table-cell">Type</th>
            <th scope="col" className="px-3 py-2">Value</th>
            <th scope="col" className="hidden px-3 py-2 sm:table-cell">Reference</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {outputs.map((o) => {
            const ref = outputReference(dataName, o.name);
            return (
              <tr key={o.name} data-testid="output-row" data-output={o.name} data-sensitive={String(o.sensitive)}>
                <th scope="row" className="px-3 py-2 font-mono font-medium text-slate-900">
                  {o.name}
                  {o.sensitive && (
                    <Badge tone="red" className="ml-2">
                      sensitive
                    </Badge>
                  )}
                  {/* Narrow screens: the type under the name instead of a column of its own. */}
                  <span className="mt-1 block font-mono text-xs font-normal text-slate-600 md:hidden">{o.typeExpression}</span>
                </th>
                <td className="hidden px-3 py-2 font-mono text-xs text-slate-700 md:table-cell" data-testid="output-type">
                  {o.typeExpression}
                </td>
                <td className="max-w-md px-3 py-2">
                  {o.sensitive ? (
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-mono text-xs text-slate-500 italic" data-testid="output-value">
                        {String(o.value)}
                      </span>
                      {canReveal && <OutputReveal backend={backend} workspace={workspace} versionId={versionId} output={o.name} />}
                    </span>
                  ) : (
                    <pre tabIndex={0} className="max-h-48 overflow-auto font-mono text-xs whitespace-pre-wrap text-slate-900" data-testid="output-value">
                      {JSON.stringify(o.value, null, 2)}
                    </pre>
                  )}
                </td>
                <td className="hidden px-3 py-2 sm:table-cell">
                  <span className="flex items-center gap-2">
                    <code className="font-mono text-xs break-all text-slate-700" data-testid="output-reference">
                      {ref}
                    </code>
                    <CopyButton text={ref} label={`Copy the reference to ${o.name}`} testId="copy-reference" />
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
