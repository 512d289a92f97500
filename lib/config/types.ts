import type { ConfigProblem } from "@/lib/errors";
import type { EncryptionConfig } from "@/lib/encryption/config";

/**
 * Backend configuration, in the s3 backend's own option names (snake_case, as in HCL),
 * so that what a user wrote maps one to one and can be printed back (remote_state snippet).
 */
export interface AssumeRole {
  role_arn: string;
  session_name?: string;
  /** Go duration string as in HCL ("1h", "15m"), kept as written. */
  duration?: string;
  external_id?: string;
  policy?: string;
  policy_arns?: string[];
  tags?: Record<string, string>;
  transitive_tag_keys?: string[];
  source_identity?: string;
}

export interface AssumeRoleWithWebIdentity {
  role_arn: string;
  session_name?: string;
  duration?: string;
  policy?: string;
  policy_arns?: string[];
  web_identity_token?: string;
  web_identity_token_file?: string;
}

export interface Endpoints {
  s3?: string;
  dynamodb?: string;
  sts?: string;
  iam?: string;
  sso?: string;
}

/** The options of a `backend "s3"` block, after merging and validation. */
export interface S3BackendOptions {
  bucket: string;
  key: string;
  region?: string;
  /** Always set after validation: default "env:"; "" is honoured. */
  workspace_key_prefix: string;
  dynamodb_table?: string;
  use_lockfile?: boolean;
  endpoints?: Endpoints;
  use_path_style?: boolean;
  use_fips_endpoint?: boolean;
  use_dualstack_endpoint?: boolean;
  access_key?: string;
  secret_key?: string;
  token?: string;
  profile?: string;
  shared_credentials_files?: string[];
  shared_config_files?: string[];
  assume_role?: AssumeRole;
  assume_role_with_web_identity?: AssumeRoleWithWebIdentity;
  max_retries?: number;
  encrypt?: boolean;
  kms_key_id?: string;
  sse_customer_key?: string;
  acl?: string;
  skip_s3_checksum?: boolean;
  skip_credentials_validation?: boolean;
  skip_region_validation?: boolean;
  skip_metadata_api_check?: boolean;
  skip_requesting_account_id?: boolean;
  /** Any other accepted option, kept as given (e.g. allowed_account_ids, http_proxy). */
  [other: string]: unknown;
}

/** One backend Statehouse knows about. */
export interface BackendDefinition {
  /** Statehouse's own name for it: [a-z0-9][a-z0-9-_.]*, unique. */
  name: string;
  /** Optional human description. */
  description?: string;
  options: S3BackendOptions;
  /** Where the configuration came from (directory, file, inline). */
  source: string;
  /** Deprecated option forms that were mapped to current ones (worth showing). */
  warnings?: ConfigProblem[];
  /** `stale_lock_after` of the Statehouse config: a lock older than this is probably abandoned (default 1 hour). */
  staleLockAfterSeconds?: number;
  /** `max_state_size` of the Statehouse config: a bigger state is refused with TOO_LARGE instead of read (default: lib/backend/versions.ts). */
  maxStateBytes?: number;
  /** OpenTofu state encryption settings (lib/encryption); secrets inside are Secret objects that never print. */
  encryption?: BackendEncryption;
}

/** Evaluated `encryption` configuration of a backend, or the problems that kept it from evaluating. */
export interface BackendEncryption {
  config: EncryptionConfig | null;
  problems: ConfigProblem[];
  source: string;
  kmsEndpoint?: string;
}

/** The Statehouse config file (docs/ARCHITECTURE.md), backends resolved and validated. */
export interface StatehouseConfig {
  /** Absolute path of the file. */
  path: string;
  backends: BackendDefinition[];
  /** Validated by lib/auth. */
  auth: unknown;
  /** Validated by lib/auth. */
  roles: unknown;
  /** Validated by lib/audit. */
  audit: unknown;
}
