/** OpenTofu's aes_gcm method: 12-byte nonce ‖ ciphertext ‖ 16-byte tag, key of 16, 24 or 32 bytes, optional AAD. Pure. */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const NONCE = 12;
const TAG = 16;
export const AES_KEY_LENGTHS = [16, 24, 32] as const;

export class AuthenticationFailed extends Error {}

function algorithm(key: Buffer): "aes-128-gcm" | "aes-192-gcm" | "aes-256-gcm" {
  if (key.length === 16) return "aes-128-gcm";
  if (key.length === 24) return "aes-192-gcm";
  if (key.length === 32) return "aes-256-gcm";
  throw new Error(`AES-GCM requires the key length to be one of 16, 24, 32; got ${key.length} bytes`);
}

/** Throws AuthenticationFailed when the tag does not match: wrong key, wrong AAD, or altered data. */
export function aesGcmDecrypt(key: Buffer, data: Buffer, aad?: Buffer): Buffer {
  const alg = algorithm(key);
  if (data.length < NONCE + TAG) throw new AuthenticationFailed("the encrypted data is too short to hold a nonce and a tag (likely data corruption)");
  const decipher = createDecipheriv(alg, key, data.subarray(0, NONCE), { authTagLength: TAG });
  if (aad && aad.length > 0) decipher.setAAD(aad);
  decipher.setAuthTag(data.subarray(data.length - TAG));
  try {
    const body = decipher.update(data.subarray(NONCE, data.length - TAG));
    const rest = decipher.final();
    // GCM gives everything from update(): no copy of a 30 MB plaintext just to append nothing.
    return rest.length === 0 ? body : Buffer.concat([body, rest]);
  } catch {
    throw new AuthenticationFailed("message authentication failed (authentication tag mismatch)");
  }
}

/** A fresh random nonce per call, as tofu does. */
export function aesGcmEncrypt(key: Buffer, plaintext: Uint8Array, aad?: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv(algorithm(key), key, nonce, { authTagLength: TAG });
  if (aad && aad.length > 0) cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}
