import Link from "next/link";
import type { LoadedState } from "@/lib/domain/state";
import type { ParsedState } from "@/lib/state/types";
import { Bytes } from "@/components/ui/bytes";
import { RelativeTime } from "@/components/ui/relative-time";
import { encryptionMarkerOf } from "@/lib/browser-safe/state-encryption";
import { EncryptionBadge } from "./encryption-badge";

/** Serial, lineage, tool and version facts above the State and Outputs tabs; says when a prior version is shown. */
export function StateSummary({ loaded, state, pinned, currentHref }: { loaded: LoadedState; state: ParsedState; pinned: boolean; currentHref: string }) {
  const facts: [string, React.ReactNode][] = [
    ["Serial", <span key="s" data-testid="state-serial">{state.serial}</span>],
    ["Lineage", <span key="l" className="font-mono text-xs">{state.lineage}</span>],
    ["Tool version", state.terraformVersion ?? "—"],
    ["Format", `v${state.version}`],
    ["Size", <Bytes key="b" value={loaded.size} />],
    ["Written", <RelativeTime key="t" iso={loaded.lastModified} />],
    ["Version ID", <span key="v" className="font-mono text-xs" data-testid="state-version-id">{loaded.versionId}</span>],
  ];
  const encryption = encryptionMarkerOf(loaded.result);
  if (encryption) facts.push(["Encryption", <EncryptionBadge key="e" marker={encryption} />]);
  return (
    <div className="space-y-2">
      {pinned && (
        <p role="note" data-testid="prior-version-banner" className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950">
          You are looking at a prior version of this state.{" "}
          <Link href={currentHref} className="font-medium underline">
            Show the current version
          </Link>
        </p>
      )}
      <dl className="flex flex-wrap gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white px-4 py-2 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="flex gap-2">
            <dt className="text-slate-500">{k}</dt>
            <dd className="text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
