/**
 * What the UI says about an OpenTofu-encrypted state: by which key provider and method, and whether this server
 * decrypted it. Built from addresses and error codes only; never a key, passphrase or metadata value. Pure:
 * the Versions timeline (a client component) renders it too.
 */

import type { ErrorPayload } from "@/lib/errors";
import type { StateReadResult } from "@/lib/state/types";

/** Addresses (`key_provider.pbkdf2.main`, `method.aes_gcm.main`) and codes only: safe to send to any viewer. */
export interface EncryptionMarker {
  decrypted: boolean;
  /** Key providers as the state names them: the method's own first, then the chain it derives from. */
  keyProviders: string[];
  /** The method that decrypted it; null when it was not decrypted (the envelope does not name its method). */
  method: string | null;
  /** Decrypted by a fallback method: tofu re-encrypts it with the primary on its next write. */
  fallback: boolean;
  /** The error code that kept this server from decrypting it; "NO_SETTINGS" when the backend has no encryption settings. */
  problem: string | null;
}

const ADDRESS = /^(?:key_provider|method)\.([^.]+)\.(.+)$/;

/** "key_provider.pbkdf2.main" → "pbkdf2"; an encrypted_metadata_alias names no type and is shown as it is. */
export function typeOfAddress(address: string): string {
  return ADDRESS.exec(address)?.[1] ?? address;
}

function providers(m: EncryptionMarker): string {
  const types = m.keyProviders.map(typeOfAddress);
  return types.length ? types.join(" ← ") : "an unnamed key provider";
}

const PROBLEMS: Record<string, string> = {
  NO_SETTINGS: "this backend has no encryption settings",
  ENCRYPTION_NOT_CONFIGURED: "its key configuration is missing",
  DECRYPTION_FAILED: "wrong passphrase or key",
  KMS_DENIED: "KMS refused the key",
  ENCRYPTION_VERSION_UNKNOWN: "unknown encryption version",
  ENCRYPTION_META_UNKNOWN: "no configured key provider matches",
  ENCRYPTION_MISMATCH: "its clear serial or lineage disagrees with the encrypted state",
};

/** Whether an error code is OpenTofu state encryption refusing to decrypt (each cause has its own code). */
export function isEncryptionProblem(code: string): boolean {
  return code !== "NO_SETTINGS" && Object.hasOwn(PROBLEMS, code);
}

/** "encrypted with pbkdf2 / aes_gcm, decrypted", or "encrypted with pbkdf2, not decrypted: wrong passphrase or key". */
export function encryptionWords(m: EncryptionMarker): string {
  if (m.decrypted) return `encrypted with ${providers(m)} / ${m.method ? typeOfAddress(m.method) : "?"}, decrypted${m.fallback ? " (by a fallback method)" : ""}`;
  return `encrypted with ${providers(m)}, not decrypted: ${(m.problem && PROBLEMS[m.problem]) ?? "unknown reason"}`;
}

/** The encryption marker of a state read (decrypted by which key provider and method, or why not), from a read's
 * result or from the error a failed decryption threw. */
/** Whether an error is OpenTofu state encryption refusing to decrypt (each cause its own code). */
export function isStateEncryptionError(e: ErrorPayload): boolean {
  return isEncryptionProblem(e.code);
}

/** Null for a plain state (or anything that is not an encrypted one). */
export function encryptionMarkerOf(result: StateReadResult): EncryptionMarker | null {
  if (result.kind === "state") {
    const e = result.encryption;
    return e ? { decrypted: true, keyProviders: e.keyProviders, method: e.method, fallback: e.fallback, problem: null } : null;
  }
  if (result.kind === "encrypted") return { decrypted: false, keyProviders: result.metaKeys, method: null, fallback: false, problem: "NO_SETTINGS" };
  return null;
}

/** The marker of a decryption that failed; null for any other error. */
export function encryptionMarkerOfError(e: ErrorPayload): EncryptionMarker | null {
  if (!isStateEncryptionError(e)) return null;
  const envelope = e.details?.envelope as { metaKeys?: unknown } | undefined;
  const metaKeys = Array.isArray(envelope?.metaKeys) ? envelope.metaKeys.filter((k): k is string => typeof k === "string") : [];
  return { decrypted: false, keyProviders: metaKeys, method: null, fallback: false, problem: e.code };
}
