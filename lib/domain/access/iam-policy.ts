/**
 * Least-privilege IAM policies for one backend, in the shape of the s3 backend documentation:
 * what Statehouse needs to read (read-only) and to restore versions and break locks (admin).
 */
import { s3Arn } from "@/lib/backend/arns";
import { stateKey, workspaceListPrefix } from "@/lib/backend/keys";
import { LOCK_KINDS } from "@/lib/backend/locks/kinds";
import type { S3BackendOptions } from "@/lib/config/types";

export type PolicyLevel = "read" | "admin";

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

type PolicyOptions = Pick<S3BackendOptions, "bucket" | "key" | "workspace_key_prefix" | "dynamodb_table" | "use_lockfile" | "kms_key_id" | "region">;

/** kms_key_id may be an ARN, a key ID or an alias; IAM needs an ARN, so a bare ID gets a wildcard account. */
function kmsArn(id: string, region: string | undefined): string {
  if (id.startsWith("arn:")) return id;
  return id.startsWith("alias/") ? `arn:aws:kms:${region ?? "*"}:*:${id}` : `arn:aws:kms:${region ?? "*"}:*:key/${id}`;
}

export function iamPolicy(o: PolicyOptions, level: PolicyLevel): PolicyDocument {
  const bucketArn = s3Arn(o.bucket);
  // The default workspace's key, and every named workspace's key (`<prefix>/<name>/<key>`).
  const stateKeys = [o.key, stateKey(o, "*")];
  const stateArns = stateKeys.map((k) => s3Arn(o.bucket, k));
  const listPrefix = workspaceListPrefix(o);

  const statements: PolicyStatement[] = [
    {
      Sid: "ListWorkspacesAndVersions",
      Effect: "Allow",
      Action: ["s3:ListBucket", "s3:ListBucketVersions"],
      Resource: bucketArn,
      // Listing uses the workspace prefix; version listings use the exact state key. An empty
      // workspace_key_prefix lists the whole bucket, which no prefix condition can express.
      ...(listPrefix === undefined ? {} : { Condition: { StringLike: { "s3:prefix": [o.key, `${listPrefix}*`] } } }),
    },
    { Sid: "ReadVersioning", Effect: "Allow", Action: ["s3:GetBucketVersioning"], Resource: bucketArn },
    {
      Sid: level === "admin" ? "ReadAndWriteState" : "ReadState",
      Effect: "Allow",
      Action: level === "admin" ? ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"] : ["s3:GetObject", "s3:GetObjectVersion"],
      Resource: stateArns,
    },
  ];
  // Each lock kind grants what it needs, in the tools' order (the `.tflock` first).
  for (const kind of LOCK_KINDS) {
    const grant = kind.iam(o, level, stateKeys);
    if (grant) statements.push({ Sid: grant.Sid, Effect: "Allow", Action: grant.Action, Resource: grant.Resource });
  }
  if (o.kms_key_id) {
    statements.push({
      Sid: "UseStateKmsKey",
      Effect: "Allow",
      Action: level === "admin" ? ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
      Resource: kmsArn(o.kms_key_id, o.region),
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** The policy as the JSON to paste into IAM. */
export function iamPolicyJson(o: PolicyOptions, level: PolicyLevel): string {
  return JSON.stringify(iamPolicy(o, level), null, 2);
}
