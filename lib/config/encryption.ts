/** What encryption a backend's options really use; pure (no AWS), so the UI, the remote_state snippet and the AWS calls share one rule. */
import type { S3BackendOptions } from "./types";

/**
 * Whether objects are read and written with the customer key: the tools use it only when `encrypt`
 * is true too (their get and put both check `serverSideEncryption && customerEncryptionKey`);
 * without `encrypt` their objects are plain, and SSE-C headers on a plain object make S3 answer 400.
 */
export function usesCustomerKey(options: Pick<S3BackendOptions, "encrypt" | "sse_customer_key">): boolean {
  return options.encrypt === true && Boolean(options.sse_customer_key);
}

/** How the state objects are really encrypted, by the same rules as the tools' PutObject (encrypt gates every key option). */
export function encryptionLabel(options: Pick<S3BackendOptions, "encrypt" | "kms_key_id" | "sse_customer_key">): string {
  if (!options.encrypt) {
    return options.kms_key_id || options.sse_customer_key ? "bucket default (encrypt is not true: the key option is ignored)" : "bucket default";
  }
  if (options.kms_key_id) return `SSE-KMS (${options.kms_key_id})`;
  if (usesCustomerKey(options)) return "SSE-C (customer key)";
  return "SSE-S3 (AES256)";
}
