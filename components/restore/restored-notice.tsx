import { shortVersionId } from "@/components/versions/short-version-id";

/** Shown on the Versions tab after a restore redirected there; the new row itself carries the "restored from" mark. */
export function RestoredNotice({ newVersionId }: { newVersionId: string }) {
  return (
    <div role="status" data-testid="restored-notice" className="rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
      Restore complete: version <span className="font-mono">{shortVersionId(newVersionId)}</span> is now the current state (highlighted below).
    </div>
  );
}
