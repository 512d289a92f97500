import Link from "next/link";
import type { ErrorPayload } from "@/lib/errors";
import type { StateReadResult } from "@/lib/state/types";
import { formatBytes } from "@/lib/browser-safe/format";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { encryptionMarkerOf, encryptionMarkerOfError } from "@/lib/browser-safe/state-encryption";
import { EncryptionBadge } from "./encryption-badge";

/** Why there is nothing to show, for a read that failed: deleted, no state yet, or a real error. */
export function StateLoadError({ error, backend, workspace, version }: { error: ErrorPayload; backend: string; workspace: string; version?: string }) {
  if (error.code === "NOT_FOUND" && error.details?.deleteMarker === true && !version) {
    return (
      <EmptyState testId="workspace-deleted" title="This workspace was deleted">
        Its current version is a delete marker, but the bucket keeps its history:{" "}
        <Link className="font-medium text-sky-800 underline" href={workspaceHref(backend, workspace, "versions")}>
          restore its last version from the Versions tab
        </Link>
        .
      </EmptyState>
    );
  }
  if (error.code === "NOT_FOUND" && !version) {
    return (
      <EmptyState testId="no-state" title="No state yet">
        Nothing is stored for this workspace. It gets a state after its first <code>terraform apply</code> (or <code>tofu apply</code>).
      </EmptyState>
    );
  }
  const encryption = encryptionMarkerOfError(error);
  if (encryption) {
    return (
      <div className="space-y-2" data-testid="state-undecryptable">
        <p className="text-sm text-slate-700">
          This state is encrypted with OpenTofu state encryption, and this server could not decrypt it with the backend&apos;s encryption settings. Nothing is shown, and
          nothing can be restored over it from here until it can be decrypted. <EncryptionBadge marker={encryption} />
        </p>
        <ErrorState error={error} />
      </div>
    );
  }
  return <ErrorState error={error} />;
}

/** Distinct explanations for content that is not a readable state. */
export function StateContentProblem({ result }: { result: Exclude<StateReadResult, { kind: "state" }> }) {
  const size = formatBytes(result.size);
  switch (result.kind) {
    case "empty":
      return (
        <EmptyState testId="state-empty" title="Empty state">
          The object holds no state ({size}: an empty body or an empty JSON object). The tools treat it as if there were no state.
        </EmptyState>
      );
    case "encrypted":
      return (
        <EmptyState testId="state-encrypted" title="Encrypted by OpenTofu state encryption">
          <EncryptionBadge marker={encryptionMarkerOf(result)!} />{" "}
          This state is encrypted client-side ({result.encryptionVersion ? `encryption version ${result.encryptionVersion}, ` : ""}
          {size}
          {result.serial !== null ? `, serial ${result.serial}` : ""}
          {result.lineage ? `, lineage ${result.lineage}` : ""}). It is not broken: this backend has no encryption settings, so Statehouse cannot show its content. Give the backend the
          encryption configuration tofu uses (its Terraform directory or an <code>encryption.env</code> variable in the Statehouse config), or use{" "}
          <code>tofu show</code>.
        </EmptyState>
      );
    case "corrupt":
      return (
        <div data-testid="state-corrupt">
          <ErrorState
            error={{
              code: "STATE_UNREADABLE",
              message: `The object is not valid JSON (${size}): ${result.message}`,
              hint: "It was not written by terraform or tofu, or it was damaged. Restore a good version from the Versions tab.",
            }}
          />
        </div>
      );
    case "future":
      return (
        <div data-testid="state-future">
          <ErrorState
            error={{
              code: "STATE_UNREADABLE",
              message: `This state uses format version ${result.version}; Statehouse reads up to version 4.`,
              hint: "It was written by a newer tool. Upgrade Statehouse to read it; nothing is wrong with the state.",
            }}
          />
        </div>
      );
    case "not-state":
      return (
        <div data-testid="state-not-state">
          <ErrorState
            error={{
              code: "STATE_UNREADABLE",
              message: `This object is JSON but not a Terraform state: ${result.message}`,
              hint: "Check the backend's key and workspace_key_prefix: something else is stored where the state should be.",
            }}
          />
        </div>
      );
  }
}
