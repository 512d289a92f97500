import "server-only";
/**
 * Turns AWS SDK errors into the typed errors of lib/errors.ts, so no SDK error leaves the core untyped.
 * The SDK has already retried (throttling included) by the time an error reaches us.
 */
import {
  AccessDeniedError,
  BucketMissingError,
  EncryptionKeyError,
  NotFoundError,
  PreconditionFailedError,
  StatehouseError,
  ThrottledError,
  UpstreamError,
} from "@/lib/errors";

export interface AwsCallInfo {
  /** IAM action, e.g. "s3:GetObject", "dynamodb:GetItem". */
  action: string;
  /** ARN or s3:// location of what was touched. */
  resource: string;
  bucket?: string;
  /** The object is (or may be) encrypted with a customer key: 400/403 then mean a key problem. */
  sseCustomerKey?: boolean;
}

interface SdkErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * The raw SDK error tests that callers act on instead of mapping (a lost condition is the lock protocol's
 * "someone else holds it"; a delete marker is a deleted workspace). Classified here, beside mapAwsError, so
 * every reading of an SDK error is in this one module.
 */
/** A conditional write lost: S3 412 / 409 ConditionalRequestConflict, DynamoDB ConditionalCheckFailed. */
export function isConditionFailure(err: unknown): boolean {
  const e = (err ?? {}) as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode;
  return e.name === "ConditionalCheckFailedException" || e.name === "PreconditionFailed" || e.name === "ConditionalRequestConflict" || status === 412 || status === 409;
}

/** The object (or version) is not there: NoSuchKey, NotFound, 404. */
export function isMissingObject(err: unknown): boolean {
  const e = (err ?? {}) as SdkErrorShape;
  return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
}

/** A HEAD/GET that hit a delete marker (S3 says so in a header; a versioned GET of one answers 405). */
export function isDeleteMarkerError(err: unknown): boolean {
  const e = err as { $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };
  return e?.$response?.headers?.["x-amz-delete-marker"] === "true" || e?.$metadata?.httpStatusCode === 405;
}

const THROTTLING = new Set([
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "TransactionInProgressException",
]);

const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EPIPE", "TimeoutError", "RequestTimeout", "AbortError"]);

/** The names the SDK gives to error answers without a body (HEAD requests). */
const BARE_HEAD_ERROR = new Set(["BadRequest", "Forbidden", "Unknown", "400", "403"]);

const SSE_C_HINT = "Set sse_customer_key to the base64 key the state was written with (the same key is needed for every version).";

function kmsProblem(name: string, message: string): boolean {
  // The ARNs in the message are left out: a bucket or key may well be named like "kms".
  const text = message.replace(/arn:[^\s"']+/g, "");
  return name.startsWith("KMS.") || /\bkms:[A-Z]|\bKMS\b/.test(text);
}

/** Maps anything thrown by an SDK call; a StatehouseError passes through unchanged. */
export function mapAwsError(err: unknown, info: AwsCallInfo): StatehouseError {
  if (err instanceof StatehouseError) return err;
  const e = (typeof err === "object" && err !== null ? err : {}) as SdkErrorShape;
  const name = e.name ?? e.Code ?? "";
  const code = e.code ?? "";
  const message = e.message ?? String(err);
  const status = e.$metadata?.httpStatusCode;
  const details = { action: info.action, resource: info.resource, awsError: name || code || undefined, status };

  if (name === "NoSuchBucket") return new BucketMissingError(info.bucket ?? info.resource);
  if (THROTTLING.has(name) || status === 429 || status === 503) return new ThrottledError(info.action.split(":")[0] ?? "AWS", err);
  if (name === "PreconditionFailed" || status === 412) {
    return new PreconditionFailedError(`The precondition of ${info.action} on ${info.resource} failed.`, details);
  }
  if (name === "ConditionalCheckFailedException") {
    return new PreconditionFailedError(`The condition of ${info.action} on ${info.resource} failed.`, details);
  }
  if (kmsProblem(name, message) && (status === 400 || status === 403 || name.startsWith("KMS."))) {
    return new EncryptionKeyError(
      `The KMS key of ${info.resource} cannot be used: ${message}`,
      "Grant kms:Decrypt (and kms:GenerateDataKey for writes) on the backend's kms_key_id to the credentials Statehouse uses.",
      details,
    );
  }
  if (info.sseCustomerKey !== undefined) {
    // S3 answers 400 InvalidRequest to a GET without the key and 403 to a wrong key; a HEAD has no body,
    // so its bare 400 is most likely the same problem and is reported as such, with that caveat.
    const explicit = /customer|encrypt|MD5 hash of the key/i.test(message) && (status === 400 || status === 403);
    const bare = BARE_HEAD_ERROR.has(name);
    const bareHead = (status === 400 && bare) || (status === 403 && bare && info.sseCustomerKey);
    if (explicit || bareHead) {
      return new EncryptionKeyError(
        info.sseCustomerKey
          ? `${info.resource} cannot be read with the configured customer key (SSE-C)${explicit ? `: ${message}` : " (S3 gave no details; if the key is right, check access)"}.`
          : `${info.resource} is ${explicit ? "" : "probably "}encrypted with a customer key (SSE-C) and no sse_customer_key is configured.`,
        SSE_C_HINT,
        details,
      );
    }
  }
  if (name === "AccessDenied" || name === "AccessDeniedException" || name === "Forbidden" || name === "UnrecognizedClientException" || status === 403) {
    return new AccessDeniedError(info.action, info.resource, err);
  }
  if (name === "NoSuchKey" || name === "NoSuchVersion" || name === "NotFound" || name === "ResourceNotFoundException" || status === 404) {
    const what = name === "ResourceNotFoundException" ? "The DynamoDB table of" : "Nothing found at";
    return new NotFoundError(`${what} ${info.resource}.`, details);
  }
  if (NETWORK.has(name) || NETWORK.has(code)) {
    return new UpstreamError(`Could not reach AWS for ${info.action} on ${info.resource}: ${message}`, err, details);
  }
  return new UpstreamError(`${info.action} on ${info.resource} failed: ${name || "error"}: ${message}`, err, details);
}

/** Awaits an SDK call and rethrows its failure as a typed error. */
export async function awsCall<T>(info: AwsCallInfo, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw mapAwsError(err, info);
  }
}

export function s3Arn(bucket: string, key?: string): string {
  return key === undefined ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;
}

export function dynamoArn(table: string): string {
  return `arn:aws:dynamodb:*:*:table/${table}`;
}
