import type { StateVersion } from "@/lib/domain/versions";
import { ButtonLink } from "@/components/ui/button";
import { Bytes } from "@/components/ui/bytes";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { diffHref, workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { shortVersionId } from "@/components/versions/short-version-id";

function Side({ label, v, testId }: { label: string; v: StateVersion; testId: string }) {
  return (
    <div className="min-w-0 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-testid={testId} data-version-id={v.versionId}>
      <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</p>
      <p className="flex items-center gap-1 font-mono text-xs" title={v.versionId}>
        {shortVersionId(v.versionId)} <CopyButton text={v.versionId} label={`Copy version ID ${v.versionId}`} testId="copy-version-id" compact />
        {v.isLatest && <span className="text-sky-700">(current)</span>}
      </p>
      <p className="text-xs text-slate-600">
        <RelativeTime iso={v.lastModified} /> · <Bytes value={v.size} />
      </p>
    </div>
  );
}

/** Which two versions are compared (known from the listing, so shown before any content is read). */
export function DiffVersionsHeader({ backend, workspace, from, to }: { backend: string; workspace: string; from: StateVersion; to: StateVersion }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Side label="From" v={from} testId="diff-from" />
      <span aria-hidden className="text-slate-400">→</span>
      <Side label="To" v={to} testId="diff-to" />
      <div className="ml-auto flex gap-2">
        <ButtonLink size="sm" href={diffHref(backend, workspace, to.versionId, from.versionId)} data-testid="swap-diff">
          Swap
        </ButtonLink>
        <ButtonLink size="sm" variant="ghost" href={workspaceHref(backend, workspace, "versions")}>
          Pick other versions
        </ButtonLink>
      </div>
    </div>
  );
}
