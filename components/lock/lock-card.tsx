import type { LockRecord } from "@/lib/domain/locks";
import { lockKindFacts } from "@/lib/browser-safe/lock-kinds";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { lockSeverity, operationWords, SEVERITY_TONES, SEVERITY_WORDS } from "@/lib/browser-safe/lock-words";
import { BreakLockForm } from "./break-lock-form";


function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all text-slate-900">{children}</dd>
    </>
  );
}

/** One lock as the tools wrote it; an unparseable body is shown raw instead of being hidden. */
export function LockCard({ lock, backend, workspace, canUnlock }: { lock: LockRecord; backend: string; workspace: string; canUnlock: boolean }) {
  const info = lock.info;
  const severity = info ? lockSeverity(info.Created) : null;
  return (
    <Card data-testid="lock-card" data-lock-kind={lock.kind} data-lock-id={info?.ID ?? ""}>
      <CardHeader title={lockKindFacts(lock.kind).title} actions={info && severity ? <Badge tone={SEVERITY_TONES[severity]} data-testid="lock-severity" data-severity={severity}>Locked · {SEVERITY_WORDS[severity]}</Badge> : <Badge tone="red">Unreadable lock</Badge>}>
        <span className="font-mono">{lock.location}</span>
      </CardHeader>
      <CardBody className="space-y-3">
        {info ? (
          <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
            <Field label="Lock ID">
              <code className="font-mono select-all" data-testid="lock-id">{info.ID}</code>
            </Field>
            <Field label="Operation">
              <span data-testid="lock-operation" title={info.Operation}>{operationWords(info.Operation)}</span>
            </Field>
            <Field label="Who">{info.Who}</Field>
            <Field label="Tool version">{info.Version || "—"}</Field>
            <Field label="Created">
              <span className="font-mono">{info.Created}</span> (<RelativeTime iso={info.Created} />)
            </Field>
            <Field label="Path">
              <span className="font-mono">{info.Path}</span>
            </Field>
            {info.Info && <Field label="Info">{info.Info}</Field>}
          </dl>
        ) : (
          <div className="space-y-1 text-sm">
            <p className="text-red-800">This lock could not be parsed{lock.parseError ? `: ${lock.parseError}` : "."} It still blocks every run.</p>
            <pre tabIndex={0} className="overflow-auto rounded bg-slate-100 p-2 font-mono text-xs" data-testid="lock-raw">{lock.raw || "(empty)"}</pre>
            <p className="text-slate-600">Without a readable ID it cannot be released here; remove it with the AWS CLI once you are sure no run holds it.</p>
          </div>
        )}
        {info && canUnlock && <BreakLockForm backend={backend} target={{ workspace }} lockId={info.ID} kind={lock.kind} />}
      </CardBody>
    </Card>
  );
}
