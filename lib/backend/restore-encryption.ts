import "server-only";
/**
 * OpenTofu state encryption around a restore: the chosen version is decrypted so that it can be checked and
 * re-numbered like a plain state, and the result is sealed the way tofu would write it now (the backend's current
 * primary method, fresh nonce and key metadata), so that tofu reads it back. Nothing here writes to S3.
 */
import { kmsFactoryFor } from "@/lib/aws/kms";
import { decryptStateBytes, encryptStateBytes } from "@/lib/encryption/state-crypt";
import type { BackendContext } from "./context";
import type { StateObject } from "./versions";

/** The chosen version with plaintext bytes (unchanged when it is plain, or when the backend has no encryption settings). */
export async function openedForRestore(ctx: BackendContext, chosen: StateObject): Promise<{ object: StateObject; encrypted: boolean }> {
  if (!ctx.def.encryption) return { object: chosen, encrypted: false };
  const opened = await decryptStateBytes(ctx.def.encryption, chosen.bytes, kmsFactoryFor(ctx.def));
  return opened ? { object: { ...chosen, bytes: opened.plaintext }, encrypted: true } : { object: chosen, encrypted: false };
}

/**
 * The bytes to put: encrypted with the primary method when the backend's tofu would encrypt (also for a plain
 * chosen version: tofu refuses plain state unless an unencrypted method is configured), plain otherwise.
 */
export async function sealForBackend(ctx: BackendContext, plaintext: Uint8Array): Promise<Uint8Array> {
  const setup = ctx.def.encryption;
  // No state block: tofu writes this backend's state plain.
  if (!setup || (setup.config && !setup.config.state && setup.problems.length === 0)) return plaintext;
  return encryptStateBytes(setup, plaintext, kmsFactoryFor(ctx.def));
}
