/**
 * What `data "terraform_remote_state"` exposes for a state, and the HCL to read it.
 */
import { InvalidInputError } from "@/lib/errors";
import { usesCustomerKey } from "@/lib/config/encryption";
import type { S3BackendOptions } from "@/lib/config/types";
import { hclQuote } from "./address";
import { formatBody, HclRaw, type HclItem, type HclObject, type HclValue } from "./hcl-format";
import { SENSITIVE_MARKER } from "./mask";
import { isRecord } from "./shape";
import { compareBytewise, inferType, typeExpression } from "@/lib/gocompat/type-expr";
import type { CtyType, ParsedState } from "./types";

export interface RemoteOutput {
  name: string;
  value: unknown;
  type: CtyType;
  /** Terraform type expression of `type`, e.g. list(string). */
  typeExpression: string;
  sensitive: boolean;
  /** The state lacks this name; the value comes from the data source's `defaults`. */
  fromDefaults?: boolean;
}

export interface RemoteStateView {
  /** By output name, in name order. */
  outputs: Record<string, RemoteOutput>;
  /** Set when there is no state: what Terraform reports then. */
  note?: string;
}

export const NO_REMOTE_STATE_NOTE = "Unable to find remote state: no stored state was found for the given workspace in the given backend, so outputs = {}.";

/**
 * Root outputs as terraform_remote_state exposes them (values are NOT masked here; see maskSensitive).
 * `defaults` fill in names the state lacks; values from state win. No state → no outputs and a note.
 */
export function remoteStateOutputs(state: ParsedState | null, defaults?: Record<string, unknown>): RemoteStateView {
  if (!state) return { outputs: {}, note: NO_REMOTE_STATE_NOTE };
  const all: RemoteOutput[] = Object.values(state.outputs).map((o) => ({
    name: o.name,
    value: o.value,
    type: o.type,
    typeExpression: typeExpression(o.type),
    sensitive: o.sensitive,
  }));
  for (const [name, value] of Object.entries(defaults ?? {})) {
    if (Object.hasOwn(state.outputs, name)) continue;
    const type = inferType(value);
    all.push({ name, value, type, typeExpression: typeExpression(type), sensitive: false, fromDefaults: true });
  }
  all.sort((a, b) => compareBytewise(a.name, b.name));
  return { outputs: Object.fromEntries(all.map((o) => [o.name, o])) };
}

/** A copy whose sensitive values are SENSITIVE_MARKER; nothing of the value (shape, length) remains. */
export function maskSensitive(outputs: Record<string, RemoteOutput>): Record<string, RemoteOutput> {
  const masked: Record<string, RemoteOutput> = {};
  for (const [name, o] of Object.entries(outputs)) masked[name] = o.sensitive ? { ...o, value: SENSITIVE_MARKER } : o;
  return masked;
}

const TRAVERSAL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `data.terraform_remote_state.NAME.outputs.OUTPUT`, with `outputs["x-y"]` when a dot would not parse. */
export function outputReference(dataName: string, outputName: string): string {
  const access = TRAVERSAL_NAME.test(outputName) ? `.${outputName}` : `[${hclQuote(outputName)}]`;
  return `data.terraform_remote_state.${dataName}.outputs${access}`;
}

/**
 * The flat attribute listing the backend docs show: `outputs.addresses.# = 2`, `outputs.addresses.0 = "…"`,
 * `outputs.tags.% = 1`, nested recursively; sensitive outputs appear as one masked line.
 */
export function flatOutputAttributes(outputs: Record<string, RemoteOutput>): string[] {
  const lines: string[] = [];
  const walk = (key: string, v: unknown) => {
    if (Array.isArray(v)) {
      lines.push(`${key}.# = ${v.length}`);
      v.forEach((item, i) => walk(`${key}.${i}`, item));
    } else if (isRecord(v)) {
      const keys = Object.keys(v).sort(compareBytewise);
      lines.push(`${key}.% = ${keys.length}`);
      for (const k of keys) walk(`${key}.${k}`, v[k]);
    } else {
      lines.push(`${key} = ${JSON.stringify(v ?? null)}`);
    }
  };
  for (const name of Object.keys(outputs).sort(compareBytewise)) {
    const o = outputs[name]!;
    if (o.sensitive) lines.push(`outputs.${name} = ${SENSITIVE_MARKER}`);
    else walk(`outputs.${name}`, o.value);
  }
  return lines;
}

/** Options a reader needs, in the order they are printed after bucket/key/region/prefix. */
const READ_OPTIONS = [
  "endpoints",
  "use_path_style",
  "use_fips_endpoint",
  "use_dualstack_endpoint",
  "profile",
  "shared_credentials_files",
  "shared_config_files",
  "assume_role",
  "assume_role_with_web_identity",
  "skip_credentials_validation",
  "skip_region_validation",
  "skip_requesting_account_id",
  "skip_metadata_api_check",
] as const;

const DATA_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A `data "terraform_remote_state"` block reading `workspace` of this backend, formatted as
 * `terraform fmt` would. Lock options (dynamodb_table, use_lockfile), write-only options
 * (kms_key_id, acl) and static credentials are left out: a read needs none of them, and
 * credentials belong in the environment. Secrets a read does need (sse_customer_key, a web
 * identity token) are printed as `var.` references with a comment saying so; a customer key
 * comes with `encrypt = true`, without which terraform does not send it.
 */
export function remoteStateSnippet(options: S3BackendOptions, workspace: string, dataName = "this"): string {
  if (!DATA_NAME.test(dataName)) throw new InvalidInputError(`"${dataName}" is not a valid data source name.`);
  const config: HclItem[] = [
    { name: "bucket", value: options.bucket },
    { name: "key", value: options.key },
  ];
  if (options.region) config.push({ name: "region", value: options.region });
  if (options.workspace_key_prefix !== "env:") config.push({ name: "workspace_key_prefix", value: options.workspace_key_prefix });
  for (const name of READ_OPTIONS) {
    const value = options[name];
    if (value !== undefined && value !== null) config.push({ name, value: secretsAsVariables(name, value as HclValue) });
  }
  if (usesCustomerKey(options)) {
    // A reader sends the key only with encrypt = true; without encrypt the tools never used the key.
    config.push({ comment: "The SSE-C key is a secret: pass it in a variable, never in code. It is sent only with encrypt = true." });
    config.push({ name: "encrypt", value: true });
    config.push({ name: "sse_customer_key", value: new HclRaw("var.sse_customer_key") });
  }
  // `config` is written by hand because its body may hold a comment, which an HclObject cannot.
  const lines = [`data "terraform_remote_state" "${dataName}" {`, '  backend = "s3"', "  config = {", ...formatBody(config, 2), "  }"];
  if (workspace !== "default") lines.push(...formatBody([{ name: "workspace", value: workspace }], 1));
  lines.push("}");
  return lines.join("\n") + "\n";
}

function secretsAsVariables(option: string, value: HclValue): HclValue {
  if (option !== "assume_role_with_web_identity" || !isRecord(value) || value.web_identity_token === undefined) return value;
  return { ...(value as HclObject), web_identity_token: new HclRaw("var.web_identity_token") };
}
