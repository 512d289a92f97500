/**
 * Reads the demo's stored audit trail straight from S3 (bucket and prefix written by
 * scripts/demo-prepare.ts), independent of lib/audit/list.ts which the audit page uses.
 */
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { AuditEvent } from "@/lib/audit/event";
import { mapLimit } from "@/lib/util/map-limit";
import { rawClients } from "@/testkit/moto";

const AUDIT_BUCKET = "statehouse-audit";
const AUDIT_PREFIX = "statehouse-audit";

/** Every stored audit event of a workspace (workspaces are unique per test), oldest first. */
export function auditEventsFor(workspace: string): Promise<AuditEvent[]> {
  return auditEventsWhere((e) => e.workspace === workspace);
}

/** Every stored audit event that `keep` accepts, oldest first. */
export async function auditEventsWhere(keep: (e: AuditEvent) => boolean): Promise<AuditEvent[]> {
  const { s3 } = rawClients();
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: AUDIT_BUCKET, Prefix: `${AUDIT_PREFIX}/`, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key && !o.Key.startsWith(`${AUDIT_PREFIX}/sessions/`)) keys.push(o.Key);
    token = page.NextContinuationToken;
  } while (token);
  const events = await mapLimit(keys, 16, async (key) => JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: AUDIT_BUCKET, Key: key }))).Body!.transformToString()) as AuditEvent);
  // The order of the keys (`<at>-<id>.json`), which is the order the audit page reads them in.
  return events.filter(keep).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
