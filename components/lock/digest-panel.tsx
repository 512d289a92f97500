import type { DigestStatus } from "@/lib/domain/locks";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { RepairDigestForm } from "./repair-digest-form";

const STATUS_BADGES: Record<DigestStatus["status"], { tone: "green" | "amber" | "red" | "neutral"; label: string }> = {
  "no-table": { tone: "neutral", label: "No lock table" },
  absent: { tone: "neutral", label: "No digest" },
  match: { tone: "green", label: "Matches" },
  mismatch: { tone: "red", label: "Mismatch" },
  malformed: { tone: "amber", label: "Malformed" },
};

function explanation(d: DigestStatus): string {
  switch (d.status) {
    case "no-table":
      return "This backend has no dynamodb_table, so the tools keep no digest of the state.";
    case "absent":
      return "The lock table holds no digest for this state; the tools skip the check until their next write.";
    case "match":
      return "The digest in the lock table matches the current state object: terraform and tofu will read it.";
    case "malformed":
      return "The stored digest is not a valid MD5; the tools ignore it. The next write by a tool replaces it.";
    case "mismatch":
      return d.explanation;
  }
}

/** The `<bucket>/<key>-md5` item: what it holds, whether the tools will accept the current object, and the repair. */
export function DigestPanel({
  digest,
  backend,
  workspace,
  canRepair,
  currentEtag,
}: {
  digest: DigestStatus;
  backend: string;
  workspace: string;
  canRepair: boolean;
  /** ETag of the current object (null when there is none), the repair's precondition. */
  currentEtag: string | null;
}) {
  const badge = STATUS_BADGES[digest.status];
  const stored = "digest" in digest ? digest.digest : null;
  const repairable = (digest.status === "mismatch" || digest.status === "malformed") && currentEtag !== null;
  return (
    <Card data-testid="digest-panel" data-digest-status={digest.status}>
      <CardHeader title="State digest" actions={<Badge tone={badge.tone}>{badge.label}</Badge>} />
      <CardBody className="space-y-2 text-sm">
        <p className="text-slate-700">{explanation(digest)}</p>
        {stored !== null && (
          <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-500">Stored digest</dt>
            <dd className="font-mono break-all">{stored}</dd>
            {digest.status === "mismatch" && (
              <>
                <dt className="text-slate-500">Current object MD5</dt>
                <dd className="font-mono break-all">{digest.actual ?? "(no current object)"}</dd>
              </>
            )}
          </dl>
        )}
        {repairable && canRepair && (
          <RepairDigestForm
            backend={backend}
            workspace={workspace}
            storedDigest={stored}
            actualDigest={digest.status === "mismatch" ? digest.actual : null}
            currentEtag={currentEtag}
          />
        )}
        {repairable && !canRepair && <p className="text-slate-600">An admin can repair the digest from this page.</p>}
      </CardBody>
    </Card>
  );
}
