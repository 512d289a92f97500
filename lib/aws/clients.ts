import "server-only";
/**
 * S3 and DynamoDB clients configured the way the s3 backend configures its own
 * (region, endpoints, path style, FIPS/dual-stack, retries, credentials, role assumption).
 *
 * `clientConfigFor` is the testable part: it decides everything from the options and the
 * environment without touching the network; `createClients` turns that plan into SDK objects.
 */
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { createHash } from "node:crypto";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials, fromTokenFile, fromWebToken } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import { ConfigError } from "@/lib/errors";
import type { S3BackendOptions } from "@/lib/config/types";
import { usesCustomerKey } from "@/lib/config/encryption";
import { addCallMetrics } from "./call-metrics";
import { parseGoDurationSeconds } from "@/lib/gocompat/duration";
import { profileRegion, sharedConfigFiles } from "./shared-config";

type Env = Record<string, string | undefined>;

/** The s3 backend's default when max_retries is unset. */
export const DEFAULT_MAX_RETRIES = 5;
const MAX_SOCKETS = 50;
const CONNECTION_TIMEOUT_MS = 10_000;
/** Socket idle timeout; generous because a 30 MB state may stream slowly. */
const REQUEST_TIMEOUT_MS = 120_000;

export type BaseCredentials =
  | { kind: "static"; accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  | { kind: "profile"; profile: string; filepath?: string; configFilepath?: string }
  | {
      kind: "web-identity";
      roleArn: string;
      roleSessionName?: string;
      durationSeconds?: number;
      policy?: string;
      policyArns?: { arn: string }[];
      /** Exactly one of token / tokenFile; neither means AWS_WEB_IDENTITY_TOKEN_FILE. */
      token?: string;
      tokenFile?: string;
    }
  | { kind: "chain"; filepath?: string; configFilepath?: string };

export interface AssumeRoleParams {
  RoleArn: string;
  RoleSessionName?: string;
  DurationSeconds?: number;
  ExternalId?: string;
  Policy?: string;
  PolicyArns?: { arn: string }[];
  Tags?: { Key: string; Value: string }[];
  TransitiveTagKeys?: string[];
  SourceIdentity?: string;
}

export interface ClientConfigPlan {
  region: string;
  maxAttempts: number;
  retryMode: "adaptive";
  forcePathStyle: boolean;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  endpoints: { s3?: string; dynamodb?: string; sts?: string };
  credentials: BaseCredentials;
  /** Role assumed on top of the base credentials. */
  assumeRole?: AssumeRoleParams;
}

function lastOf(list: string[] | undefined): string | undefined {
  // The SDK providers read one file of each kind; the last listed one has the highest precedence.
  return list && list.length > 0 ? list[list.length - 1] : undefined;
}

function endpointFor(option: string | undefined, env: Env, serviceEnv: string): string | undefined {
  return option || env[serviceEnv] || env.AWS_ENDPOINT_URL || undefined;
}

function baseCredentials(o: S3BackendOptions): BaseCredentials {
  const filepath = lastOf(o.shared_credentials_files);
  const configFilepath = lastOf(o.shared_config_files);
  const files = { ...(filepath ? { filepath } : {}), ...(configFilepath ? { configFilepath } : {}) };
  if (o.access_key || o.secret_key) {
    if (!o.access_key || !o.secret_key) {
      throw new ConfigError([{ option: o.access_key ? "secret_key" : "access_key", message: "access_key and secret_key must be set together." }]);
    }
    return { kind: "static", accessKeyId: o.access_key, secretAccessKey: o.secret_key, ...(o.token ? { sessionToken: o.token } : {}) };
  }
  const web = o.assume_role_with_web_identity;
  if (web) {
    if (web.web_identity_token && web.web_identity_token_file) {
      throw new ConfigError([{ option: "assume_role_with_web_identity", message: "set only one of web_identity_token and web_identity_token_file." }]);
    }
    return {
      kind: "web-identity",
      roleArn: web.role_arn,
      ...(web.session_name ? { roleSessionName: web.session_name } : {}),
      ...(web.duration ? { durationSeconds: parseGoDurationSeconds(web.duration, "assume_role_with_web_identity.duration") } : {}),
      ...(web.policy ? { policy: web.policy } : {}),
      ...(web.policy_arns?.length ? { policyArns: web.policy_arns.map((arn) => ({ arn })) } : {}),
      ...(web.web_identity_token ? { token: web.web_identity_token } : {}),
      ...(web.web_identity_token_file ? { tokenFile: web.web_identity_token_file } : {}),
    };
  }
  if (o.profile) return { kind: "profile", profile: o.profile, ...files };
  return { kind: "chain", ...files };
}

function assumeRoleParams(o: S3BackendOptions): AssumeRoleParams | undefined {
  const a = o.assume_role;
  if (!a) return undefined;
  const p: AssumeRoleParams = { RoleArn: a.role_arn };
  if (a.session_name) p.RoleSessionName = a.session_name;
  if (a.duration) p.DurationSeconds = parseGoDurationSeconds(a.duration, "assume_role.duration");
  if (a.external_id) p.ExternalId = a.external_id;
  if (a.policy) p.Policy = a.policy;
  if (a.policy_arns?.length) p.PolicyArns = a.policy_arns.map((arn) => ({ arn }));
  if (a.tags && Object.keys(a.tags).length > 0) p.Tags = Object.entries(a.tags).map(([Key, Value]) => ({ Key, Value }));
  if (a.transitive_tag_keys?.length) p.TransitiveTagKeys = a.transitive_tag_keys;
  if (a.source_identity) p.SourceIdentity = a.source_identity;
  return p;
}

/** Everything the clients need, decided from the options and the environment. No network. */
export function clientConfigFor(o: S3BackendOptions, env: Env = process.env): ClientConfigPlan {
  const region =
    o.region ||
    env.AWS_REGION ||
    env.AWS_DEFAULT_REGION ||
    profileRegion(o.profile || env.AWS_PROFILE || "default", sharedConfigFiles(o.shared_config_files, env));
  if (!region) {
    throw new ConfigError([{ option: "region", message: "no region: set the region option, AWS_REGION, or a region in the profile." }]);
  }
  if (o.max_retries !== undefined && (!Number.isInteger(o.max_retries) || o.max_retries < 0)) {
    throw new ConfigError([{ option: "max_retries", message: "must be a whole number ≥ 0." }]);
  }
  const endpoints = {
    s3: endpointFor(o.endpoints?.s3, env, "AWS_ENDPOINT_URL_S3"),
    dynamodb: endpointFor(o.endpoints?.dynamodb, env, "AWS_ENDPOINT_URL_DYNAMODB"),
    sts: endpointFor(o.endpoints?.sts, env, "AWS_ENDPOINT_URL_STS"),
  };
  const plan: ClientConfigPlan = {
    region,
    maxAttempts: (o.max_retries ?? DEFAULT_MAX_RETRIES) + 1,
    // Adaptive = standard exponential backoff with jitter plus client-side rate limiting on throttling.
    retryMode: "adaptive",
    forcePathStyle: o.use_path_style === true,
    useFipsEndpoint: o.use_fips_endpoint === true,
    useDualstackEndpoint: o.use_dualstack_endpoint === true,
    endpoints: Object.fromEntries(Object.entries(endpoints).filter(([, v]) => v !== undefined)),
    credentials: baseCredentials(o),
  };
  const assumeRole = assumeRoleParams(o);
  if (assumeRole) plan.assumeRole = assumeRole;
  return plan;
}

type CredentialsInput = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export function credentialsFor(plan: ClientConfigPlan): CredentialsInput {
  const stsConfig = { region: plan.region, ...(plan.endpoints.sts ? { endpoint: plan.endpoints.sts } : {}), maxAttempts: plan.maxAttempts };
  const c = plan.credentials;
  let base: CredentialsInput;
  switch (c.kind) {
    case "static":
      base = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
      break;
    case "profile":
      // fromIni also resolves SSO, credential_process and source_profile role chains of the profile.
      base = fromIni({ profile: c.profile, filepath: c.filepath, configFilepath: c.configFilepath, clientConfig: stsConfig });
      break;
    case "web-identity": {
      const common = {
        roleArn: c.roleArn,
        roleSessionName: c.roleSessionName,
        durationSeconds: c.durationSeconds,
        policy: c.policy,
        policyArns: c.policyArns,
        clientConfig: stsConfig,
      };
      base = c.token !== undefined ? fromWebToken({ ...common, webIdentityToken: c.token }) : fromTokenFile({ ...common, webIdentityTokenFile: c.tokenFile });
      break;
    }
    case "chain":
      base = fromNodeProviderChain({ filepath: c.filepath, configFilepath: c.configFilepath, clientConfig: stsConfig });
      break;
  }
  if (!plan.assumeRole) return base;
  return fromTemporaryCredentials({ masterCredentials: base, params: plan.assumeRole, clientConfig: stsConfig });
}

export function requestHandler() {
  return {
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  };
}

export interface AwsClients {
  s3: S3Client;
  ddb: DynamoDBClient;
}

export function createClients(options: S3BackendOptions, env: Env = process.env): AwsClients {
  const plan = clientConfigFor(options, env);
  const credentials = credentialsFor(plan);
  const common = {
    region: plan.region,
    credentials,
    maxAttempts: plan.maxAttempts,
    retryMode: plan.retryMode,
    useFipsEndpoint: plan.useFipsEndpoint,
    useDualstackEndpoint: plan.useDualstackEndpoint,
    requestHandler: requestHandler(),
  };
  const s3 = new S3Client({
    ...common,
    ...(plan.endpoints.s3 ? { endpoint: plan.endpoints.s3 } : {}),
    forcePathStyle: plan.forcePathStyle,
    // Only send/verify checksums when asked: third-party S3 implementations reject the new defaults.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const ddb = new DynamoDBClient({ ...common, ...(plan.endpoints.dynamodb ? { endpoint: plan.endpoints.dynamodb } : {}) });
  addCallMetrics(s3, "s3");
  addCallMetrics(ddb, "dynamodb");
  return { s3, ddb };
}

// Re-exported: the backend core imports its AWS helpers from here.
export { usesCustomerKey };

/** SSE-C request parameters, to spread into every Get/Head/Put/CopyObject of the state. */
export function sseCustomerParams(options: Pick<S3BackendOptions, "encrypt" | "sse_customer_key">): {
  SSECustomerAlgorithm?: "AES256";
  SSECustomerKey?: string;
  SSECustomerKeyMD5?: string;
} {
  const key = options.sse_customer_key;
  if (!key || !usesCustomerKey(options)) return {};
  const raw = Buffer.from(key, "base64");
  if (raw.length !== 32 || raw.toString("base64") !== key) {
    throw new ConfigError([{ option: "sse_customer_key", message: "must be 44 base64 characters encoding a 32-byte key." }]);
  }
  return { SSECustomerAlgorithm: "AES256", SSECustomerKey: key, SSECustomerKeyMD5: createHash("md5").update(raw).digest("base64") };
}

export interface PutEncryptionParams {
  ServerSideEncryption?: "aws:kms" | "AES256";
  SSEKMSKeyId?: string;
  SSECustomerAlgorithm?: "AES256";
  SSECustomerKey?: string;
  SSECustomerKeyMD5?: string;
  ACL?: string;
}

/**
 * Encryption and ACL of a state (or lock) PutObject, as the backend does it (DESIGN.md): with
 * `encrypt`, a KMS key id wins, then a customer key, then plain AES256; canned ACL if set.
 */
export function encryptionParamsForPut(options: Pick<S3BackendOptions, "encrypt" | "kms_key_id" | "sse_customer_key" | "acl">): PutEncryptionParams {
  const p: PutEncryptionParams = {};
  if (options.encrypt) {
    if (options.kms_key_id) {
      p.ServerSideEncryption = "aws:kms";
      p.SSEKMSKeyId = options.kms_key_id;
    } else if (options.sse_customer_key) {
      Object.assign(p, sseCustomerParams(options));
    } else {
      p.ServerSideEncryption = "AES256";
    }
  }
  if (options.acl) p.ACL = options.acl;
  return p;
}
