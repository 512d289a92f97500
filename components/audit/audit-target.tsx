import type { AuditEvent } from "@/lib/audit/event";

const LABELS: { field: keyof AuditEvent["target"]; label: string }[] = [
  { field: "sourceVersionId", label: "from version" },
  { field: "versionId", label: "version" },
  { field: "lockId", label: "lock" },
  { field: "lockKind", label: "lock kind" },
  { field: "lockWho", label: "lock holder" },
  { field: "lockOperation", label: "lock operation" },
  { field: "lockCreated", label: "lock created" },
  { field: "stateKey", label: "state key" },
  { field: "output", label: "output" },
  { field: "resource", label: "resource" },
];

/** What an event acted on (versions, lock, output or resource), each field labelled. */
export function AuditTarget({ target }: { target: AuditEvent["target"] }) {
  const present = LABELS.filter(({ field }) => target[field] !== undefined);
  if (present.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      {present.map(({ field, label }) => (
        <div key={field} className="contents" data-testid={`audit-target-${field}`}>
          <dt className="text-slate-500">{label}</dt>
          <dd className="font-mono break-all text-slate-800">{target[field]}</dd>
        </div>
      ))}
    </dl>
  );
}
