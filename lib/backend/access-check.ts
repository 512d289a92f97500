import "server-only";
/**
 * "Can Statehouse read this backend?": harmless reads only, one per permission the dashboard
 * needs, each reported with the IAM action it exercised.
 */
import { GetBucketVersioningCommand, HeadObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { sseCustomerParams } from "@/lib/aws/clients";
import { mapAwsError, s3Arn } from "@/lib/aws/errors";
import type { BackendContext } from "@/lib/backend/context";
import { workspaceListPrefix } from "@/lib/backend/keys";
import { LOCK_KINDS } from "@/lib/backend/locks/kinds";
import { AccessDeniedError, BucketMissingError, NotFoundError } from "@/lib/errors";

export type AccessStatus = "ok" | "denied" | "missing" | "error";

export interface AccessCheck {
  /** IAM action exercised, e.g. "s3:ListBucket". */
  action: string;
  resource: string;
  /** What the probe did, for the user: "ListObjectsV2 (1 key) under env:/". */
  probe: string;
  status: AccessStatus;
  /** What the answer means (missing bucket/object/table, error text). */
  message?: string;
}

async function probe(action: string, resource: string, what: string, call: () => Promise<string | void>, opts: { bucket?: string; sseCustomerKey?: boolean } = {}): Promise<AccessCheck> {
  try {
    const note = await call();
    return { action, resource, probe: what, status: "ok", ...(note ? { message: note } : {}) };
  } catch (err) {
    const e = mapAwsError(err, { action, resource, ...opts });
    if (e instanceof AccessDeniedError) return { action, resource, probe: what, status: "denied", message: e.message };
    if (e instanceof NotFoundError || e instanceof BucketMissingError) return { action, resource, probe: what, status: "missing", message: e.message };
    return { action, resource, probe: what, status: "error", message: e.message };
  }
}

export async function checkAccess(ctx: BackendContext): Promise<AccessCheck[]> {
  const o = ctx.def.options;
  const bucket = o.bucket;
  const prefix = workspaceListPrefix(o);
  const sse = sseCustomerParams(o);
  const probes: Promise<AccessCheck>[] = [
    probe("s3:ListBucket", s3Arn(bucket), `ListObjectsV2 (1 key)${prefix ? ` under ${prefix}` : ""}`, async () => {
      await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }));
    }, { bucket }),
    probe("s3:GetBucketVersioning", s3Arn(bucket), "GetBucketVersioning", async () => {
      const r = await ctx.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
      return `versioning ${r.Status ?? "never enabled"}`;
    }, { bucket }),
    probe("s3:ListBucketVersions", s3Arn(bucket), `ListObjectVersions (1 version) of ${o.key}`, async () => {
      await ctx.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: o.key, MaxKeys: 1 }));
    }, { bucket }),
    // Without s3:ListBucket, S3 answers 403 rather than 404 for a missing key: "denied" may mean either.
    probe("s3:GetObject", s3Arn(bucket, o.key), `HeadObject of the default workspace's state`, async () => {
      await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: o.key, ...sse }));
    }, { bucket, sseCustomerKey: sse.SSECustomerKey !== undefined }),
  ];
  // Each lock kind adds its own harmless reads (the DynamoDB table's; none for the `.tflock`).
  for (const kind of LOCK_KINDS) for (const p of kind.accessProbes(ctx)) probes.push(probe(p.action, p.resource, p.what, p.call));
  return Promise.all(probes);
}
