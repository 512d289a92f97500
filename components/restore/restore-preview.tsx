import { Suspense } from "react";
import type { ActionResult } from "@/lib/result";
import type { StructuralDiff } from "@/lib/domain/diff";
import type { LoadedState } from "@/lib/domain/state";
import { ErrorState } from "@/components/ui/error-state";
import { StructuralDiffBody } from "@/components/diff/structural-diff-body";
import { restoredSerial } from "@/lib/state/serial";
import { AffectedReadersNotice } from "@/components/dependencies/affected-readers";
import type { AffectedReaders } from "@/lib/domain/dependencies";
import type { LockHolder } from "@/lib/errors";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { RestoreForm } from "./restore-form";
import { RestoreLockWarning } from "./restore-lock-warning";

/** What the restore preview shows, read by the page after it authorized the restore; `holders`: the locks held now. */
export type RestorePreviewData = (
  | { currentId: null; chosen: ActionResult<LoadedState> }
  /** `affected`: the current state's readers whose outputs the restore removes or changes. */
  | { currentId: string; diff: ActionResult<StructuralDiff>; affected?: Promise<ActionResult<AffectedReaders | null>> }
) & {
  holders: ActionResult<LockHolder[]>;
};

/**
 * What the restore will do, then the confirm step. With a current state: the diff from it to the
 * chosen version. Recovering a deleted workspace: what the chosen version holds.
 */
export async function RestorePreview({ backend, workspace, chosenId, preview }: { backend: string; workspace: string; chosenId: string; preview: Promise<RestorePreviewData> }) {
  const p = await preview;
  const lockedBy = p.holders.ok ? p.holders.data : [];
  const lockWarning = <RestoreLockWarning holders={p.holders} lockHref={workspaceHref(backend, workspace, "lock")} />;
  if (p.currentId === null) {
    const r = p.chosen;
    if (!r.ok) return <ErrorState error={r.error} />;
    const s = r.data.result;
    if (s.kind !== "state") return <ErrorState error={{ code: "STATE_UNREADABLE", message: `Version ${chosenId} is not a readable state (${s.kind}); it cannot be restored.`, hint: "Pick another version." }} />;
    const instances = s.state.resources.reduce((n, res) => n + res.instances.length, 0);
    return (
      <div className="space-y-4">
        {lockWarning}
        <p className="text-sm" data-testid="recover-summary">
          This version holds serial {s.state.serial}, {instances} resource instances and {Object.keys(s.state.outputs).length} outputs (lineage <span className="font-mono text-xs">{s.state.lineage}</span>); it is written back as serial {restoredSerial(null, s.state.serial)}.
        </p>
        <RestoreForm backend={backend} workspace={workspace} versionId={chosenId} currentVersionId={undefined} lineageDiffers={false} recovering lockedBy={lockedBy} />
      </div>
    );
  }
  const { currentId } = p;
  const r = p.diff;
  if (!r.ok) return <ErrorState error={r.error} />;
  const d = r.data;
  if (d.to.kind !== "state" || d.to.serial === null) return <ErrorState error={{ code: "STATE_UNREADABLE", message: `Version ${chosenId} is not a readable state (${d.to.kind}); it cannot be restored.`, hint: "Pick another version." }} />;
  // The restore writes a new version: the serial goes up, whatever the chosen content's serial.
  const serial = { before: d.from.serial, after: restoredSerial(d.from.serial, d.to.serial) };
  return (
    <div className="space-y-4">
      {lockWarning}
      <p className="text-sm" data-testid="restore-serial">
        Serial {serial.before ?? "—"} → {serial.after} <span className="text-slate-600">(restored content of serial {d.to.serial})</span>
      </p>
      {p.affected && (
        <Suspense fallback={null}>
          <AffectedReadersNotice affected={p.affected} />
        </Suspense>
      )}
      <h3 className="text-sm font-semibold">Changes from the current state to the chosen version</h3>
      {d.header ? (
        <StructuralDiffBody diff={{ ...d, header: { ...d.header, serial: { before: serial.before ?? 0n, after: serial.after } } }} />
      ) : (
        <p className="text-sm text-amber-900">The current state is not readable ({d.from.kind}), so no comparison is possible; restoring replaces it with the chosen version.</p>
      )}
      <RestoreForm
        backend={backend}
        workspace={workspace}
        versionId={chosenId}
        currentVersionId={currentId}
        lineageDiffers={d.header?.lineage.changed ?? (d.from.lineage !== null && d.from.lineage !== d.to.lineage)}
        recovering={false}
        lockedBy={lockedBy}
      />
    </div>
  );
}
