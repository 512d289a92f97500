import Link from "next/link";
import { memo } from "react";
import type { TimelineVersion } from "@/lib/browser-safe/version-list";
import type { VersionSummary } from "@/lib/domain/versions";
import { Badge } from "@/components/ui/badge";
import { encryptionWords } from "@/lib/browser-safe/state-encryption";
import { ButtonLink } from "@/components/ui/button";
import { Bytes } from "@/components/ui/bytes";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import { RelativeTime } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import { shortVersionId } from "./short-version-id";
import { diffHref, restoreHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";

const KIND_LABELS: Partial<Record<VersionSummary["kind"], string>> = {
  empty: "Empty",
  encrypted: "Encrypted",
  corrupt: "Corrupt",
  future: "Newer format",
  "not-state": "Not a state",
};

function Changes({ s }: { s: VersionSummary | undefined }) {
  if (!s) return <Spinner label="Loading changes" />;
  if (!s.changes) return <span className="text-slate-400">—</span>;
  const { added, removed, changed } = s.changes;
  if (added + removed + changed === 0) return <span className="text-slate-500">no resource changes</span>;
  return (
    <span className="font-mono text-xs" data-testid="version-changes" data-added={added} data-removed={removed} data-changed={changed}>
      <span className="text-emerald-700">+{added}</span> <span className="text-amber-700">~{changed}</span> <span className="text-red-700">−{removed}</span>
    </span>
  );
}

export interface VersionRowProps {
  v: TimelineVersion;
  index: number;
  summary: VersionSummary | undefined;
  /** The version this one is diffed against (the next older real one). */
  previous: string | null;
  selected: boolean;
  onToggle: (versionId: string) => void;
  /** Brings a version of this history into view (the "restored from" link). */
  onJump: (versionId: string) => void;
  highlight: boolean;
  canRestore: boolean;
  backend: string;
  workspace: string;
  /** Where the virtual list places the row. */
  top: number;
}

/** The table's column tracks, shared by the header and the rows (both are CSS grids). */
export const VERSION_COLUMNS = "2.5rem 10rem 8.5rem 6rem 5rem 6rem 10rem minmax(15rem,1fr) 13rem";

/** S3's version ID of an object written while the bucket kept no versions: not an ID a person can use. */
const UNVERSIONED = "null";
export const VERSION_ROW_HEIGHT = 44;

/**
 * One row of the virtualized timeline, absolutely placed so that scrolling moves rows without
 * laying the whole table out again; cells never wrap so every row has the same height. Its
 * links do not prefetch: scrolling a long history would otherwise ask the server for the diff and
 * restore views of every row passing by. Memoized: a page of summaries arriving or the list
 * scrolling re-renders only the rows whose data changed.
 */
export const VersionRow = memo(function VersionRow({ v, index, summary: s, previous, selected, onToggle, onJump, highlight, canRestore, backend, workspace, top }: VersionRowProps) {
  return (
    <tr
      aria-rowindex={index + 2}
      id={`v-${v.versionId}`}
      data-testid="version-row"
      data-version-id={v.versionId}
      data-latest={v.isLatest}
      data-delete-marker={v.isDeleteMarker}
      className={`absolute inset-x-0 top-0 grid items-center border-t border-slate-100 whitespace-nowrap ${highlight ? "bg-emerald-50" : v.isDeleteMarker ? "bg-red-50/50" : ""}`}
      style={{ gridTemplateColumns: VERSION_COLUMNS, height: VERSION_ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <td className="px-3 py-1.5">
        {!v.isDeleteMarker && (
          <input type="checkbox" aria-label={`Select version ${v.versionId} to compare`} checked={selected} onChange={() => onToggle(v.versionId)} data-testid="version-select" />
        )}
      </td>
      <td className="flex flex-col px-3 leading-tight">
        <RelativeTime iso={v.lastModified} />
        <LocalTime iso={v.lastModified} className="text-[11px] text-slate-500" testId="version-local-time" />
      </td>
      <td className="flex items-center gap-1 overflow-hidden px-3 py-1.5 font-mono text-xs" data-testid="version-id">
        {v.versionId === UNVERSIONED ? (
          <span className="font-sans text-slate-500" title="The bucket keeps no versions: this object is the only copy">
            unversioned
          </span>
        ) : (
          <>
            <span title={v.versionId}>{shortVersionId(v.versionId)}</span>
            <CopyButton text={v.versionId} label={`Copy version ID ${v.versionId}`} testId="copy-version-id" compact />
          </>
        )}
      </td>
      <td className="px-3 py-1.5 text-right">{v.isDeleteMarker ? "—" : <Bytes value={v.size} />}</td>
      <td className="px-3 py-1.5 text-right tabular-nums" data-testid="version-serial">
        {v.isDeleteMarker ? "—" : s ? (s.serial ?? "—") : <Spinner label="Loading serial" />}
      </td>
      <td className="px-3 py-1.5 text-right tabular-nums">{v.isDeleteMarker ? "—" : s ? (s.resources ?? "—") : ""}</td>
      <td className="px-3 py-1.5">{v.isDeleteMarker ? "" : <Changes s={s} />}</td>
      <td className="flex items-center gap-1 overflow-hidden px-3 leading-tight">
        {v.isLatest && <Badge tone="blue">current</Badge>}
        {v.isDeleteMarker && <Badge tone="red" data-testid="delete-marker">deleted</Badge>}
        {s?.changes?.lineageChanged && <Badge tone="violet" data-testid="lineage-changed">lineage changed</Badge>}
        {s?.encryption ? (
          <Badge tone={s.encryption.decrypted ? "neutral" : "amber"} title={encryptionWords(s.encryption)} data-testid="version-encryption" data-decrypted={s.encryption.decrypted} data-problem={s.encryption.problem ?? undefined}>
            {s.encryption.decrypted ? "encrypted" : "cannot decrypt"}
          </Badge>
        ) : (
          s && KIND_LABELS[s.kind] && <Badge tone="amber">{KIND_LABELS[s.kind]}</Badge>
        )}
        {s?.restoredFrom && (
          // Whole, not cut off: it may wrap to a second line of the row.
          <span
            className="min-w-0 flex-1 rounded-md bg-emerald-50 px-1.5 text-[11px] leading-tight whitespace-normal text-emerald-900 ring-1 ring-emerald-200"
            data-testid="restored-from"
            data-restored-from={s.restoredFrom}
            title={`restored from ${s.restoredFrom}${s.restoredBy ? ` by ${s.restoredBy}` : ""}`}
          >
            restored from{" "}
            <a
              href={`#v-${s.restoredFrom}`}
              className="font-mono underline"
              onClick={(e) => {
                // The target row may not be rendered (virtualized): scroll the list to it instead.
                e.preventDefault();
                onJump(s.restoredFrom!);
              }}
            >
              {shortVersionId(s.restoredFrom)}
            </a>
            {s.restoredBy ? ` by ${s.restoredBy}` : ""}
          </span>
        )}
      </td>
      <td className="space-x-1 px-3 py-1.5 text-right">
        {!v.isDeleteMarker && previous && (
          <Link className="text-xs text-sky-700 underline" href={diffHref(backend, workspace, previous, v.versionId)} prefetch={false} data-testid="diff-previous">
            diff
          </Link>
        )}
        {canRestore && !v.isLatest && !v.isDeleteMarker && (
          <ButtonLink size="sm" href={restoreHref(backend, workspace, v.versionId)} prefetch={false} data-testid="restore-version-button">
            Restore this version
          </ButtonLink>
        )}
      </td>
    </tr>
  );
});
