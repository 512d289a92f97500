"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { restoreVersionAction } from "@/app/actions/restore-version";
import type { ErrorPayload, LockHolder } from "@/lib/errors";
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Spinner } from "@/components/ui/spinner";
import { shortVersionId } from "@/components/versions/short-version-id";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { ConfirmInput, isConfirmed } from "@/components/forms/confirm-input";
import { useWriteAction } from "@/components/forms/use-write-action";
import { AuditWarningNotice } from "@/components/audit/audit-warning";
import { LockHolderList } from "./restore-lock-warning";

/** The error of a refused restore, with what it means here: who holds the lock, or reload after a concurrent write. */
function RestoreError({ error, lockHref, onReload }: { error: ErrorPayload; lockHref: string; onReload: () => void }) {
  const holders = error.code === "LOCKED" && Array.isArray(error.details?.holders) ? (error.details.holders as LockHolder[]) : null;
  const ref = useRef<HTMLDivElement>(null);
  // The error appears where the user is looking: focused (scrolled into view) and announced.
  useEffect(() => ref.current?.focus(), [error]);
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="space-y-2 outline-none" data-testid="restore-error">
      <ErrorState
        error={error}
        action={
          error.code === "PRECONDITION_FAILED" ? (
            <Button size="sm" onClick={onReload} data-testid="restore-reload">
              Reload and review again
            </Button>
          ) : holders ? (
            <ButtonLink size="sm" href={lockHref}>
              Open the Lock tab
            </ButtonLink>
          ) : undefined
        }
      />
      {holders && <LockHolderList holders={holders} testId="restore-lock-holders" />}
    </div>
  );
}

/**
 * The confirm step of a restore. It pins the current version the admin reviewed
 * (expectedCurrentVersionId), so a write that lands meanwhile makes the restore fail with
 * PRECONDITION_FAILED instead of silently replacing a state nobody looked at.
 */
export function RestoreForm({
  backend,
  workspace,
  versionId,
  currentVersionId,
  lineageDiffers,
  recovering,
  lockedBy,
}: {
  backend: string;
  workspace: string;
  versionId: string;
  currentVersionId: string | undefined;
  /** The chosen version belongs to another lineage: an extra explicit confirmation is required. */
  lineageDiffers: boolean;
  /** The current version is a delete marker: this brings the workspace back. */
  recovering: boolean;
  /** Locks held when the preview was read: the restore would be refused, so the button is disabled (and says why). */
  lockedBy: LockHolder[];
}) {
  const router = useRouter();
  const [lineageOk, setLineageOk] = useState(false);
  const [typedName, setTypedName] = useState("");
  const { run, error, pending, auditWarning, acknowledge } = useWriteAction<{ newVersionId: string }>((data) => {
    router.push(`${workspaceHref(backend, workspace, "versions")}?restored=${encodeURIComponent(data.newVersionId)}`);
    // The header (deleted badge, lock badge) lives in a layout the client keeps across navigations: re-render it too.
    router.refresh();
  });
  const nameOk = isConfirmed(typedName, workspace);
  const verb = recovering ? "Recover the workspace" : "Restore this version";
  const locked = lockedBy.length > 0;

  return (
    <form
      className="space-y-3"
      data-testid="restore-form"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => restoreVersionAction({ backend, workspace, versionId, expectedCurrentVersionId: currentVersionId, confirmLineageChange: lineageDiffers && lineageOk }));
      }}
    >
      <p className="text-sm text-slate-700">
        {recovering
          ? `Version ${shortVersionId(versionId)} is written back as the new current state, with the next serial. Nothing is deleted.`
          : `Version ${shortVersionId(versionId)} is copied forward as a new current version with the next serial. The current version and all history stay in the bucket.`}{" "}
        Statehouse takes the state lock while writing, so a running terraform or tofu cannot interleave.
      </p>
      {lineageDiffers && (
        <label className="flex items-start gap-2 rounded-md border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950">
          <input type="checkbox" checked={lineageOk} onChange={(e) => setLineageOk(e.target.checked)} data-testid="confirm-lineage-change" className="mt-0.5" />
          <span>
            The chosen version has a <strong>different lineage</strong>: it is not an earlier state of this one but another state. I understand that restoring it replaces this
            workspace&apos;s state with an unrelated one.
          </span>
        </label>
      )}
      <ConfirmInput
        id="confirm-workspace-name"
        label={
          <>
            Type the workspace name <code className="font-mono text-xs">{workspace}</code> to confirm
          </>
        }
        value={typedName}
        onChange={setTypedName}
        testId="confirm-workspace-name"
        className="w-full max-w-sm"
      />
      <div className="flex items-center gap-2">
        <Button
          type="submit"
          variant="danger"
          disabled={pending || locked || !nameOk || (lineageDiffers && !lineageOk)}
          aria-describedby={locked ? "restore-disabled-reason" : undefined}
          data-testid="confirm-restore"
        >
          {verb}
        </Button>
        <ButtonLink variant="ghost" href={workspaceHref(backend, workspace, "versions")}>
          Cancel
        </ButtonLink>
        {pending && <Spinner label="Restoring" />}
        {pending && <span className="text-sm text-slate-600">Locking, writing and verifying…</span>}
        {locked && (
          <>
            <span id="restore-disabled-reason" className="text-sm text-amber-900" data-testid="restore-disabled-reason">
              Disabled while the workspace is locked by {lockedBy.map((h) => h.who).join(" and ")}.
            </span>
            <Button size="sm" onClick={() => router.refresh()} data-testid="restore-check-lock">
              Check again
            </Button>
          </>
        )}
      </div>
      {error && <RestoreError error={error} lockHref={workspaceHref(backend, workspace, "lock")} onReload={() => router.refresh()} />}
      {auditWarning && <AuditWarningNotice warning={auditWarning} onContinue={acknowledge} />}
    </form>
  );
}
