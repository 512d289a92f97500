import type { OutputChange } from "@/lib/state/diff";
import { typeExpression } from "@/lib/gocompat/type-expr";
import { ChangedValue } from "./value-text";

const KIND_CLASS = { added: "text-emerald-700", removed: "text-red-700", changed: "text-amber-700" } as const;

/** Root output changes; sensitive outputs arrive already masked from lib/state's diff. */
export function OutputChanges({ outputs }: { outputs: OutputChange[] }) {
  if (outputs.length === 0) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="output-changes">
      <h2 className="border-b border-slate-200 px-4 py-2 text-sm font-semibold">Outputs</h2>
      <div tabIndex={0} className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="px-4 py-1.5 font-medium">Change</th>
            <th className="px-4 py-1.5 font-medium">Name</th>
            <th className="px-4 py-1.5 font-medium">Type</th>
            <th className="px-4 py-1.5 font-medium">Before</th>
            <th className="px-4 py-1.5 font-medium">After</th>
          </tr>
        </thead>
        <tbody>
          {outputs.map((o) => (
            <tr key={o.name} className="border-t border-slate-100 align-top" data-testid="diff-output-row" data-output={o.name} data-kind={o.kind}>
              <td className={`px-4 py-1.5 text-xs font-semibold uppercase ${KIND_CLASS[o.kind]}`}>{o.kind}</td>
              <td className="px-4 py-1.5 font-mono">{o.name}</td>
              <td className="px-4 py-1.5 font-mono text-xs text-slate-500">
                {o.typeBefore !== undefined && o.typeAfter !== undefined && JSON.stringify(o.typeBefore) !== JSON.stringify(o.typeAfter)
                  ? `${typeExpression(o.typeBefore)} → ${typeExpression(o.typeAfter)}`
                  : typeExpression(o.typeAfter ?? o.typeBefore)}
              </td>
              <td className="px-4 py-1.5">
                <ChangedValue side="before" before={o.before} after={o.after} present={o.kind !== "added"} />
              </td>
              <td className="px-4 py-1.5">
                <ChangedValue side="after" before={o.before} after={o.after} present={o.kind !== "removed"} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}
