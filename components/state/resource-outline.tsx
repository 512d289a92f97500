import type { ModuleOutline, ResourceOutline } from "@/lib/service/state-view";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { InstanceDetails } from "./instance-details";

export interface OutlineContext {
  backend: string;
  workspace: string;
  versionId?: string;
  canReveal: boolean;
}

/** `provider["registry.terraform.io/hashicorp/aws"]` → `hashicorp/aws`: the part people recognise. */
function shortProvider(p: string): string {
  const m = /provider\["(?:[^"/]+\/)?([^"]+)"\]/.exec(p);
  return m?.[1] ?? p;
}

function Resource({ r, ctx }: { r: ResourceOutline; ctx: OutlineContext }) {
  const data = r.mode === "data";
  return (
    <li data-testid="resource-row" data-address={r.address} data-mode={r.mode} className={cx("px-3 py-2", data && "bg-violet-50/40")}>
      <div className="flex flex-wrap items-center gap-2">
        {data && (
          <Badge tone="violet" title="A data source: read by the configuration, not managed by it.">
            data
          </Badge>
        )}
        <span className={cx("font-mono text-sm", data ? "text-violet-900 italic" : "text-slate-900")}>{r.address}</span>
        <span className="text-xs text-slate-500">{shortProvider(r.provider)}</span>
      </div>
      <ul className="mt-1 space-y-1 pl-4">
        {r.instances.map((i) => (
          <li key={`${i.address}/${i.deposed ?? ""}`} data-testid="instance-row" data-address={i.address} data-status={i.status ?? ""} data-deposed={i.deposed ?? ""}>
            <div className="flex flex-wrap items-center gap-2 text-xs">
              {/* A single unkeyed instance has the resource's own address: do not repeat it. */}
              {i.address !== r.address && <span className="font-mono text-slate-700">{i.address}</span>}
              {i.status === "tainted" && (
                <Badge tone="red" data-testid="tainted-badge" title="Marked for replacement on the next apply.">
                  tainted
                </Badge>
              )}
              {i.deposed && (
                <Badge tone="amber" data-testid="deposed-badge" title="An object left over from a create-before-destroy replacement.">
                  deposed {i.deposed}
                </Badge>
              )}
            </div>
            <InstanceDetails {...ctx} address={i.address} deposed={i.deposed} sensitive={i.sensitive} />
          </li>
        ))}
      </ul>
    </li>
  );
}

export function ResourceOutlineList({ modules, ctx }: { modules: ModuleOutline[]; ctx: OutlineContext }) {
  return (
    <div className="space-y-4">
      {modules.map((m) => (
          <section key={m.module} aria-label={m.module || "Root module"} data-testid="module-group" data-module={m.module} className="rounded-lg border border-slate-200 bg-white">
            <h3 className="border-b border-slate-200 px-3 py-2 text-sm font-semibold text-slate-800">
              {m.module ? <span className="font-mono">{m.module}</span> : "Root module"}
            </h3>
            <ul className="divide-y divide-slate-100">
              {m.resources.map((r) => (
                <Resource key={r.address} r={r} ctx={ctx} />
              ))}
            </ul>
          </section>
      ))}
    </div>
  );
}
