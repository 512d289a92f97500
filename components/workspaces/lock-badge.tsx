import type { WorkspaceSummary } from "@/lib/domain/workspaces";
import { lockKindFacts } from "@/lib/browser-safe/lock-kinds";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { lockSeverity, operationWords, SEVERITY_TONES } from "@/lib/browser-safe/lock-words";

type Holder = WorkspaceSummary["lockHolders"][number];

/** "locked · ci@runner-7 · 3 d ago", with the lock ID, operation and kind on hover; "unlocked" otherwise. */
export function LockBadge({ holders, showUnlocked = true }: { holders: readonly Holder[]; showUnlocked?: boolean }) {
  const h = holders[0];
  if (!h) {
    return showUnlocked ? (
      <Badge tone="neutral" data-testid="lock-badge" data-locked="false">
        unlocked
      </Badge>
    ) : null;
  }
  const title = holders.map((x) => `${lockKindFacts(x.kind).badge}: ${operationWords(x.operation)} by ${x.who}, ID ${x.id}, since ${x.created}`).join("\n");
  return (
    <Badge tone={SEVERITY_TONES[lockSeverity(h.created)]} data-testid="lock-badge" data-locked="true" data-lock-severity={lockSeverity(h.created)} data-lock-who={h.who} title={title}>
      <span>locked</span>
      <span aria-hidden>·</span>
      <span>{operationWords(h.operation)}</span>
      <span aria-hidden>·</span>
      <span className="sr-only">by</span>
      <span className="max-w-40 truncate">{h.who || "unknown"}</span>
      <span aria-hidden>·</span>
      <RelativeTime iso={h.created} />
    </Badge>
  );
}
