/** How a restore seals a state under a backend's encryption settings; the markers of a read (re-exported). Pure. */
import type { BackendEncryption } from "@/lib/config/types";
import { keyProviderChain } from "@/lib/encryption/config";

// The markers are pure and the pages' components render them too: they live with the browser-safe wording.
export { encryptionMarkerOf, encryptionMarkerOfError, isStateEncryptionError } from "@/lib/browser-safe/state-encryption";

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
