import Link from "next/link";
import { Suspense } from "react";
import { encryptionLabel } from "@/lib/config/encryption";
import type { VersioningState } from "@/lib/domain/versions";
import type { BackendDefinition } from "@/lib/config/types";
import type { ActionResult } from "@/lib/result";
import { lockingWarning, lockModeLabel } from "@/lib/browser-safe/lock-kinds";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { buttonClasses } from "@/components/ui/button";
import { AccessCheckPanel } from "./access-check-panel";
import { IamPolicyPanel, type IamPolicies } from "./iam-policy-panel";
import { VersioningStatus } from "./versioning-status";
import { Warning } from "./warning";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-2 py-1">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all text-slate-900">{children}</dd>
    </div>
  );
}

/** One configured backend: where its state lives, how it is locked, whether it can be recovered. */
export function BackendCard({ def, versioning, policies }: { def: BackendDefinition; versioning: Promise<ActionResult<VersioningState>>; policies: IamPolicies }) {
  const o = def.options;
  const href = `/b/${encodeURIComponent(def.name)}`;
  return (
    <Card data-testid="backend-card" data-backend={def.name} aria-labelledby={`backend-${def.name}`}>
      <CardHeader
        title={
          <Link id={`backend-${def.name}`} href={href} className="hover:underline">
            {def.name}
          </Link>
        }
        actions={
          <Link href={href} className={buttonClasses("primary", "sm")} data-testid="open-workspaces">
            Workspaces →
          </Link>
        }
      >
        {def.description}
      </CardHeader>
      <CardBody className="space-y-3 text-sm">
        <dl className="divide-y divide-slate-100">
          <Row label="Bucket">
            <span className="font-mono text-xs">{o.bucket}</span>
          </Row>
          <Row label="Key">
            <span className="font-mono text-xs">{o.key}</span>
          </Row>
          <Row label="Region">{o.region ?? "from the environment"}</Row>
          <Row label="Workspace prefix">
            <span className="font-mono text-xs">{o.workspace_key_prefix === "" ? '"" (none)' : o.workspace_key_prefix}</span>
          </Row>
          <Row label="Locking">
            <span data-testid="lock-mode">{lockModeLabel(o)}</span>
          </Row>
          <Row label="Encryption">{encryptionLabel(o)}</Row>
          <Row label="Versioning">
            <Suspense fallback={<Skeleton className="h-4 w-24" />}>
              <VersioningStatus versioning={versioning} />
            </Suspense>
          </Row>
        </dl>
        {lockingWarning(o) && <Warning>{lockingWarning(o)}</Warning>}
        <AccessCheckPanel backend={def.name} />
        <IamPolicyPanel policies={policies} />
      </CardBody>
    </Card>
  );
}
