/** Whether a backend's options really use the customer key; pure (no AWS), so the remote_state snippet and the AWS calls share one rule. */
import type { S3BackendOptions } from "./types";

/**
 * Whether objects are read and written with the customer key: the tools use it only when `encrypt`
 * is true too (their get and put both check `serverSideEncryption && customerEncryptionKey`);
 * without `encrypt` their objects are plain, and SSE-C headers on a plain object make S3 answer 400.
 */
export function usesCustomerKey(options: Pick<S3BackendOptions, "encrypt" | "sse_customer_key">): boolean {
  return options.encrypt === true && Boolean(options.sse_customer_key);
}

