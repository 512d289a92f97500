import type { StructuralDiff } from "@/lib/domain/diff";
import { Badge } from "@/components/ui/badge";

function Count({ n, label, tone, testId }: { n: number; label: string; tone: "green" | "amber" | "red"; testId: string }) {
  return (
    <Badge tone={n === 0 ? "neutral" : tone} data-testid={testId} data-count={n}>
      {n} {label}
    </Badge>
  );
}

/** Counts and header changes (serial, lineage, tool version) of a structural diff. */
export function DiffSummary({ header }: { header: NonNullable<StructuralDiff["header"]> }) {
  const { counts, serial, lineage, terraformVersion } = header;
  return (
    <div className="space-y-2" data-testid="diff-summary">
      <div className="flex flex-wrap gap-2">
        <Count n={counts.added} label="added" tone="green" testId="count-added" />
        <Count n={counts.changed} label="changed" tone="amber" testId="count-changed" />
        <Count n={counts.removed} label="removed" tone="red" testId="count-removed" />
        <Badge tone="neutral">{counts.unchanged} unchanged</Badge>
        {counts.outputsAdded + counts.outputsChanged + counts.outputsRemoved > 0 && (
          <Badge tone="blue" data-testid="count-outputs">
            outputs: +{counts.outputsAdded} ~{counts.outputsChanged} −{counts.outputsRemoved}
          </Badge>
        )}
        {header.sameContent && <Badge tone="green">same resources and outputs</Badge>}
      </div>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Serial</dt>
        <dd className="tabular-nums" data-testid="diff-serial">
          {serial.before === serial.after ? serial.after : `${serial.before} → ${serial.after}`}
        </dd>
        <dt className="text-slate-500">Lineage</dt>
        <dd className="font-mono text-xs" data-testid="diff-lineage" data-changed={lineage.changed}>
          {lineage.changed ? (
            <>
              {lineage.before} → {lineage.after} <Badge tone="violet">lineage changed: a different state</Badge>
            </>
          ) : (
            lineage.after
          )}
        </dd>
        <dt className="text-slate-500">Tool version</dt>
        <dd>{terraformVersion.changed ? `${terraformVersion.before ?? "—"} → ${terraformVersion.after ?? "—"}` : (terraformVersion.after ?? "—")}</dd>
      </dl>
    </div>
  );
}
