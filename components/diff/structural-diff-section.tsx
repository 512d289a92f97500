import type { ActionResult } from "@/lib/result";
import type { DiffSide, StructuralDiff } from "@/lib/domain/diff";
import { ErrorState } from "@/components/ui/error-state";
import { StructuralDiffBody } from "./structural-diff-body";

const UNREADABLE: Record<string, string> = {
  empty: "is empty (no state)",
  encrypted: "is encrypted by OpenTofu: its content cannot be compared here",
  corrupt: "is not valid JSON",
  future: "uses a newer state format than Statehouse reads",
  "not-state": "is not a Terraform state",
};

function unreadable(s: DiffSide): string | null {
  return s.kind === "state" ? null : `Version ${s.versionId} ${UNREADABLE[s.kind] ?? s.kind}.`;
}

/**
 * The structural diff, rendered inside a Suspense boundary: the page (after authorizing) reads and
 * parses both versions, which on 30 MB states takes a while, so the page header shows first.
 */
export async function StructuralDiffSection({ diff }: { diff: Promise<ActionResult<StructuralDiff>> }) {
  const r = await diff;
  if (!r.ok) return <ErrorState error={r.error} />;
  const d = r.data;
  if (!d.header) {
    return (
      <div role="alert" data-testid="diff-unreadable" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
        No structural comparison: {[unreadable(d.from), unreadable(d.to)].filter(Boolean).join(" ")} The text diff below may still show what differs.
      </div>
    );
  }
  return <StructuralDiffBody diff={{ ...d, header: d.header }} />;
}
