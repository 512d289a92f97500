import { z } from "zod";
import type { S3BackendOptions } from "@/lib/config/types";
import { configErrorFromZod } from "@/lib/auth/config-problems";

const auditS3Schema = z.strictObject({
  bucket: z.string().min(3),
  prefix: z
    .string()
    .regex(/^[^/](.*[^/])?$/, { error: "must not be empty, start or end with /" })
    .default("statehouse-audit"),
  region: z.string().min(1).optional(),
  endpoint: z.url().optional(),
  use_path_style: z.boolean().optional(),
  profile: z.string().min(1).optional(),
});

const auditSchema = z.strictObject({
  s3: auditS3Schema.optional(),
  // Repeated refusals of one user, action and target within this window are recorded as one event with a count (default 60).
  refusalWindowSeconds: z.int().min(1).max(24 * 60 * 60).optional(),
});

export type AuditConfig = z.output<typeof auditSchema>;
export type AuditS3Config = z.output<typeof auditS3Schema>;

/** Validates the config file's `audit` section; absent means stdout only. */
export function parseAuditConfig(raw: unknown): AuditConfig {
  const parsed = auditSchema.safeParse(raw ?? {});
  if (!parsed.success) throw configErrorFromZod("audit", parsed.error);
  return parsed.data;
}

/** The audit location as s3 backend options, so the AWS clients are built exactly as for a backend. */
export function auditBackendOptions(s3: AuditS3Config): S3BackendOptions {
  return {
    bucket: s3.bucket,
    key: s3.prefix,
    workspace_key_prefix: "env:",
    ...(s3.region ? { region: s3.region } : {}),
    ...(s3.endpoint ? { endpoints: { s3: s3.endpoint } } : {}),
    ...(s3.use_path_style !== undefined ? { use_path_style: s3.use_path_style } : {}),
    ...(s3.profile ? { profile: s3.profile } : {}),
  };
}
