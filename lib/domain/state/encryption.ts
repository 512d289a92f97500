/**
 * The encryption marker of a state read (decrypted by which key provider and method, or why not), from a read's
 * result or from the error a failed decryption threw. Addresses and codes only, never key material. Pure.
 */
import { isEncryptionProblem, type EncryptionMarker } from "@/lib/browser-safe/state-encryption";
import type { BackendEncryption } from "@/lib/config/types";
import { keyProviderChain } from "@/lib/encryption/config";
import type { ErrorPayload } from "@/lib/errors";
import type { StateReadResult } from "@/lib/state/types";

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

/**
 * How a write (a restore) will seal the state: the backend's primary method and its key providers, as tofu would
 * encrypt it now. Null when the backend writes plain states (no settings, no state block, or `unencrypted` first).
 */
export function primarySealing(setup: BackendEncryption | undefined): { method: string; keyProviders: string[] } | null {
  const config = setup && setup.problems.length === 0 ? setup.config : null;
  const primary = config?.state?.methods[0];
  const m = primary ? config.methods.get(primary) : undefined;
  if (!config || !m || m.type !== "aes_gcm") return null;
  return { method: m.addr, keyProviders: keyProviderChain(config, m) };
}
