import type { ReactNode } from "react";
import type { ErrorPayload } from "@/lib/errors";

const TITLES: Partial<Record<ErrorPayload["code"], string>> = {
  ACCESS_DENIED: "Access denied",
  BUCKET_MISSING: "Bucket not found",
  NOT_FOUND: "Not found",
  FORBIDDEN: "Not allowed",
  UNAUTHENTICATED: "Sign-in required",
  CONFIG_INVALID: "Configuration problem",
  STATE_UNREADABLE: "State cannot be read",
  ENCRYPTION_KEY: "Encryption key problem",
  ENCRYPTION_NOT_CONFIGURED: "Encryption settings missing",
  DECRYPTION_FAILED: "State cannot be decrypted",
  KMS_DENIED: "KMS refused the key",
  ENCRYPTION_VERSION_UNKNOWN: "Unknown encryption version",
  ENCRYPTION_META_UNKNOWN: "Unknown key provider",
  ENCRYPTION_MISMATCH: "Encrypted state does not match its envelope",
  THROTTLED: "AWS is throttling",
  UPSTREAM: "AWS request failed",
  LOCKED: "State is locked",
  INVALID_INPUT: "Invalid input",
};

/** Renders a user-safe error from the whitelist: what went wrong (message) and what to do (hint). */
export function ErrorState({ error, action, compact = false }: { error: ErrorPayload; action?: ReactNode; compact?: boolean }) {
  return (
    <div role="alert" data-testid="error-state" data-error-code={error.code} className={compact ? "rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm" : "rounded-lg border border-red-200 bg-red-50 px-5 py-4"}>
      <p className="text-sm font-semibold text-red-900">
        {TITLES[error.code] ?? "Something went wrong"} <span className="font-mono text-xs font-normal text-red-700">{error.code}</span>
      </p>
      <p className="mt-1 text-sm text-red-900">{error.message}</p>
      {error.hint && <p className="mt-1 text-sm text-red-800">What to do: {error.hint}</p>}
      {action && <div className="mt-3 flex gap-2">{action}</div>}
    </div>
  );
}
