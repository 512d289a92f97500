/** A workspace's problem codes as small badges (table rows and the workspace header). */
import { Badge } from "@/components/ui/badge";

const LABELS: Record<string, string> = {
  DIGEST_MISMATCH: "digest mismatch",
  STALE_LOCK: "stale lock",
  UNREADABLE_STATE: "unreadable",
  DELETED_WORKSPACE: "deleted",
  LINEAGE_CHANGED: "lineage changed",
};

export function ProblemBadges({ codes }: { codes: readonly string[] | undefined }) {
  if (!codes || codes.length === 0) return null;
  return (
    <span className="ml-2 inline-flex gap-1" data-testid="workspace-problems">
      {[...new Set(codes)].map((c) => (
        <Badge key={c} tone="red" data-problem-code={c}>
          {LABELS[c] ?? c.toLowerCase().replaceAll("_", " ")}
        </Badge>
      ))}
    </span>
  );
}
