/**
 * The option schema of the `s3` backend (Terraform ≥ 1.6 and OpenTofu ≥ 1.6, plus the
 * legacy names both still accept), used to type-check, map legacy names and suggest
 * corrections for unknown ones.
 */
export type OptionType =
  | { kind: "string" }
  | { kind: "bool" }
  | { kind: "number" }
  | { kind: "list" }
  | { kind: "map" }
  | { kind: "object"; attributes: Record<string, OptionType>; required: string[] };

const string: OptionType = { kind: "string" };
const bool: OptionType = { kind: "bool" };
const number: OptionType = { kind: "number" };
const list: OptionType = { kind: "list" };
const map: OptionType = { kind: "map" };

const assumeRoleAttributes: Record<string, OptionType> = {
  role_arn: string,
  session_name: string,
  duration: string,
  external_id: string,
  policy: string,
  policy_arns: list,
  tags: map,
  transitive_tag_keys: list,
  source_identity: string,
};

const webIdentityAttributes: Record<string, OptionType> = {
  role_arn: string,
  session_name: string,
  duration: string,
  policy: string,
  policy_arns: list,
  web_identity_token: string,
  web_identity_token_file: string,
};

export const ENDPOINT_NAMES = ["s3", "dynamodb", "sts", "iam", "sso"] as const;

/** Current options. */
export const OPTION_TYPES: Record<string, OptionType> = {
  bucket: string,
  key: string,
  region: string,
  workspace_key_prefix: string,
  dynamodb_table: string,
  use_lockfile: bool,
  endpoints: { kind: "object", attributes: Object.fromEntries(ENDPOINT_NAMES.map((n) => [n, string])), required: [] },
  use_path_style: bool,
  use_fips_endpoint: bool,
  use_dualstack_endpoint: bool,
  access_key: string,
  secret_key: string,
  token: string,
  profile: string,
  shared_credentials_files: list,
  shared_config_files: list,
  assume_role: { kind: "object", attributes: assumeRoleAttributes, required: ["role_arn"] },
  assume_role_with_web_identity: { kind: "object", attributes: webIdentityAttributes, required: ["role_arn"] },
  max_retries: number,
  retry_mode: string,
  encrypt: bool,
  kms_key_id: string,
  sse_customer_key: string,
  acl: string,
  skip_s3_checksum: bool,
  skip_credentials_validation: bool,
  skip_region_validation: bool,
  skip_metadata_api_check: bool,
  skip_requesting_account_id: bool,
  allowed_account_ids: list,
  forbidden_account_ids: list,
  custom_ca_bundle: string,
  ec2_metadata_service_endpoint: string,
  ec2_metadata_service_endpoint_mode: string,
  http_proxy: string,
  https_proxy: string,
  no_proxy: string,
  insecure: bool,
  sts_region: string,
  // OpenTofu: tags put on the state and lock objects.
  state_tags: map,
  lock_tags: map,
};

/** A deprecated option and where its value goes now. */
export interface LegacyOption {
  type: OptionType;
  /** Path of the current option: ["endpoints", "s3"], ["use_path_style"]. */
  target: [string] | [string, string];
  /** Turns the legacy value into the current one (when the form changed). */
  convert?: (value: unknown) => unknown;
}

export const LEGACY_OPTIONS: Record<string, LegacyOption> = {
  endpoint: { type: string, target: ["endpoints", "s3"] },
  dynamodb_endpoint: { type: string, target: ["endpoints", "dynamodb"] },
  sts_endpoint: { type: string, target: ["endpoints", "sts"] },
  iam_endpoint: { type: string, target: ["endpoints", "iam"] },
  force_path_style: { type: bool, target: ["use_path_style"] },
  shared_credentials_file: { type: string, target: ["shared_credentials_files"], convert: (v) => [v] },
  role_arn: { type: string, target: ["assume_role", "role_arn"] },
  session_name: { type: string, target: ["assume_role", "session_name"] },
  external_id: { type: string, target: ["assume_role", "external_id"] },
  // The old option was a number of seconds; the new one a Go duration string.
  assume_role_duration_seconds: { type: number, target: ["assume_role", "duration"], convert: (v) => `${String(v)}s` },
  assume_role_policy: { type: string, target: ["assume_role", "policy"] },
  assume_role_policy_arns: { type: list, target: ["assume_role", "policy_arns"] },
  assume_role_tags: { type: map, target: ["assume_role", "tags"] },
  assume_role_transitive_tag_keys: { type: list, target: ["assume_role", "transitive_tag_keys"] },
};

/** Type of a top-level option, current or legacy; undefined when unknown. */
export function optionType(name: string): OptionType | undefined {
  return Object.hasOwn(OPTION_TYPES, name) ? OPTION_TYPES[name] : Object.hasOwn(LEGACY_OPTIONS, name) ? LEGACY_OPTIONS[name]?.type : undefined;
}

export const ALL_OPTION_NAMES = [...Object.keys(OPTION_TYPES), ...Object.keys(LEGACY_OPTIONS)];
