import type { StructuralDiff } from "@/lib/domain/diff";
import { DiffSummary } from "./diff-summary";
import { OutputChanges } from "./output-changes";
import { ResourceChanges } from "./resource-changes";

/** Summary, output changes and instance changes of a structural diff of two readable states. */
export function StructuralDiffBody({ diff }: { diff: StructuralDiff & { header: NonNullable<StructuralDiff["header"]> } }) {
  return (
    <div className="space-y-4" data-testid="structural-diff">
      <DiffSummary header={diff.header} />
      <OutputChanges outputs={diff.outputs} />
      {diff.detailsOmitted > 0 && <p className="text-xs text-slate-500">Attribute details of {diff.detailsOmitted} instances were left out to keep this page light.</p>}
      <ResourceChanges rows={diff.rows} />
    </div>
  );
}
