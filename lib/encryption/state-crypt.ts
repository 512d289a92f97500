import "server-only";
/**
 * Decrypting and encrypting a whole state the way tofu's state encryption does: the state target's methods tried
 * in order (primary, then fallbacks), the clear serial and lineage checked against the inner state, a fresh
 * nonce and fresh key metadata on encryption. Every failure is a StateEncryptionError without key material.
 */
import type { BackendEncryption } from "@/lib/config/types";
import type { StateEncryptionInfo } from "@/lib/state/types";
import { StateEncryptionError } from "@/lib/errors";
import { AuthenticationFailed, aesGcmDecrypt, aesGcmEncrypt } from "./aes-gcm";
import { keyProviderChain, type EncryptionConfig, type Method } from "./config";
import { ENCRYPTION_VERSION, readEnvelope, readEnvelopeBytes, writeEnvelope, type Envelope } from "./envelope";
import { decryptionKey, encryptionKey, type KeyContext } from "./keys";

/** A backend's encryption settings: the evaluated configuration, or the problems that kept it from evaluating. */
export type EncryptionSetup = BackendEncryption;

/** What the UI and CLI show about an encrypted state (fallback: tofu would re-encrypt it with the primary on its next write). */
export type EncryptionInfo = StateEncryptionInfo;

export type { KmsFactory, KmsKeys } from "./keys";
import type { KmsFactory } from "./keys";

const decoder = new TextDecoder();

function notConfigured(setup: EncryptionSetup | undefined, envelope: Envelope): StateEncryptionError {
  const names = [...envelope.meta.keys()];
  const why = setup?.problems.length
    ? `its encryption configuration (${setup.source}) has problems: ${setup.problems.map((p) => (p.option ? `${p.option}: ${p.message}` : p.message)).join("; ")}`
    : setup?.config && !setup.config.state
      ? `the encryption configuration (${setup.source}) has no state block`
      : "no encryption configuration is set for this backend";
  return new StateEncryptionError("ENCRYPTION_NOT_CONFIGURED", `The state is encrypted with OpenTofu state encryption${names.length ? ` (key provider ${names.join(", ")})` : ""}, but ${why}.`, 'Give the backend the encryption configuration tofu uses: its Terraform directory, or "encryption": { "env": "<variable holding TF_ENCRYPTION>" }, with passphrases in the environment or files.', {
    metaKeys: names,
  });
}

function metaKeysOf(config: EncryptionConfig, m: Method): string[] {
  return keyProviderChain(config, m).map((a) => config.keyProviders.get(a)?.metaKey ?? a);
}

/** What a decryption gives: the plaintext, how it was decrypted, and what the envelope said in clear text. */
export interface Decrypted {
  plaintext: Uint8Array;
  info: EncryptionInfo;
  envelope: EnvelopeFacts;
}

/**
 * The plaintext of an encrypted state; null when `bytes` is not an encryption envelope (a plain state).
 * `deferInnerCheck`: the caller parses the plaintext anyway and checks its serial and lineage against the envelope's
 * with `checkInnerFields` (a 30 MB state is then parsed once, not twice).
 */
export async function decryptStateBytes(setup: EncryptionSetup | undefined, bytes: Uint8Array, kms: KmsFactory, opts: { deferInnerCheck?: boolean } = {}): Promise<Decrypted | null> {
  let envelope: Envelope | null | undefined;
  try {
    envelope = readEnvelopeBytes(bytes);
    if (envelope === undefined) {
      let doc: unknown;
      try {
        doc = JSON.parse(decoder.decode(bytes));
      } catch {
        return null;
      }
      envelope = readEnvelope(doc);
    }
  } catch (e) {
    throw new StateEncryptionError("DECRYPTION_FAILED", `The encryption envelope is damaged: ${(e as Error).message}.`, "Restore a prior version of the state.");
  }
  if (!envelope) return null;
  const facts = envelopeFacts(envelope);
  try {
    const { plaintext, info } = await decryptEnvelope(setup, envelope, kms);
    if (!opts.deferInnerCheck) checkClearFields(facts, plaintext);
    return { plaintext, info, envelope: facts };
  } catch (e) {
    if (!(e instanceof StateEncryptionError)) throw e;
    // Every refusal says what the envelope shows in clear (never its metadata values): the UI names the key provider.
    throw new StateEncryptionError(e.code, e.message, e.hint ?? "", { ...e.details, envelope: facts });
  }
}

/** What an envelope says in clear text: meta keys (key provider addresses or aliases), serial, lineage, version. */
export interface EnvelopeFacts {
  metaKeys: string[];
  serial: number | null;
  lineage: string;
  encryptionVersion: string;
}

function envelopeFacts(envelope: Envelope): EnvelopeFacts {
  return { metaKeys: [...envelope.meta.keys()], serial: envelope.serial, lineage: envelope.lineage, encryptionVersion: envelope.version };
}

async function decryptEnvelope(setup: EncryptionSetup | undefined, envelope: Envelope, kms: KmsFactory): Promise<{ plaintext: Uint8Array; info: EncryptionInfo }> {
  if (envelope.version !== ENCRYPTION_VERSION) {
    throw new StateEncryptionError("ENCRYPTION_VERSION_UNKNOWN", `The state uses encryption_version "${envelope.version}"; only "${ENCRYPTION_VERSION}" (OpenTofu 1.7 and later) is known.`, "Read it with the OpenTofu release that wrote it.", { encryptionVersion: envelope.version });
  }
  const config = setup?.config;
  if (!config?.state || (setup?.problems.length ?? 0) > 0) throw notConfigured(setup, envelope);

  const ctx: KeyContext = { config, meta: envelope.meta, kms };
  const failures: StateEncryptionError[] = [];
  let tried = 0;
  for (const [i, addr] of config.state.methods.entries()) {
    const m = config.methods.get(addr)!;
    if (m.type !== "aes_gcm") continue;
    let key: Buffer | null;
    try {
      key = await decryptionKey(ctx, m.keys);
    } catch (e) {
      if (e instanceof StateEncryptionError) {
        failures.push(e);
        continue;
      }
      throw e;
    }
    if (!key) continue; // the state holds no metadata for this method's provider
    tried++;
    let plaintext: Buffer;
    try {
      plaintext = aesGcmDecrypt(key, envelope.data, m.aad);
    } catch (e) {
      if (!(e instanceof AuthenticationFailed) && !(e instanceof Error && /key length/.test(e.message))) throw e;
      failures.push(
        new StateEncryptionError("DECRYPTION_FAILED", `Decrypting with ${addr} (${keyProviderChain(config, m).join(" ← ")}) failed: ${e.message}. The passphrase or key is wrong${m.aad ? ", or the aad differs" : ""}.`, "Check the passphrase or key the backend's encryption configuration gives; it must be the one tofu encrypted this state with.", { method: addr }),
      );
      continue;
    }
    return { plaintext, info: { method: addr, keyProviders: keyProviderChain(config, m), fallback: i > 0, encryptionVersion: envelope.version } };
  }
  const kmsFailure = failures.find((f) => f.code === "KMS_DENIED");
  if (kmsFailure) throw kmsFailure;
  const wrongKey = failures.find((f) => f.code === "DECRYPTION_FAILED");
  if (wrongKey) throw wrongKey;
  if (failures[0]) throw failures[0];
  if (tried === 0) {
    const known = new Set(config.state.methods.flatMap((a) => metaKeysOf(config, config.methods.get(a)!)));
    const inFile = [...envelope.meta.keys()];
    throw new StateEncryptionError("ENCRYPTION_META_UNKNOWN", `The state was encrypted with key provider ${inFile.join(", ") || "(none named)"}, which no method of the state's encryption configuration uses (configured: ${[...known].join(", ") || "none"}).`, "Add that key provider (with its encrypted_metadata_alias, if it had one) as the state method or a fallback.", {
      metaKeys: inFile,
      configured: [...known],
    });
  }
  throw notConfigured(setup, envelope);
}

function checkClearFields(envelope: EnvelopeFacts, plaintext: Uint8Array): void {
  let inner: { serial?: unknown; lineage?: unknown };
  try {
    inner = JSON.parse(decoder.decode(plaintext)) as typeof inner;
  } catch {
    throw new StateEncryptionError("DECRYPTION_FAILED", "The decrypted state is not JSON.", "Restore a prior version of the state.");
  }
  checkInnerFields(envelope, inner);
}

function sameSerial(clear: number, inner: unknown): boolean {
  if (typeof inner === "number") return inner === clear;
  if (typeof inner === "bigint") return Number.isSafeInteger(clear) ? BigInt(clear) === inner : Number(inner) === clear;
  return true; // no integer serial inside: nothing to compare, as tofu
}

/** tofu's check after decrypting: the clear serial and lineage must be the inner state's ("serial field mismatch"). */
export function checkInnerFields(envelope: EnvelopeFacts, inner: { serial?: unknown; lineage?: unknown }): void {
  const details = { envelope };
  if (envelope.serial !== null && !sameSerial(envelope.serial, inner.serial)) {
    throw new StateEncryptionError("ENCRYPTION_MISMATCH", `Invalid state metadata: serial field mismatch (clear serial ${envelope.serial}, encrypted state's serial ${String(inner.serial)}).`, "The envelope was altered or written by a broken tool; restore a prior version.", {
      ...details,
      clearSerial: envelope.serial,
      innerSerial: String(inner.serial),
    });
  }
  if (envelope.lineage !== "" && inner.lineage !== envelope.lineage) {
    throw new StateEncryptionError("ENCRYPTION_MISMATCH", `Invalid state metadata: lineage field mismatch (clear lineage ${envelope.lineage}, encrypted state's lineage ${String(inner.lineage)}).`, "The envelope was altered or written by a broken tool; restore a prior version.", {
      ...details,
      clearLineage: envelope.lineage,
    });
  }
}

/**
 * The bytes tofu would write for `plaintext` with the primary method: an envelope with a fresh nonce and fresh key
 * metadata, clear serial/lineage copied from the plaintext. The unencrypted primary method writes the plaintext as is.
 */
export async function encryptStateBytes(setup: EncryptionSetup, plaintext: Uint8Array, kms: KmsFactory): Promise<Uint8Array> {
  const config = setup.config;
  const primary = config?.state?.methods[0];
  if (!config || !primary || setup.problems.length > 0) {
    throw new StateEncryptionError("ENCRYPTION_NOT_CONFIGURED", `Cannot encrypt: the backend's encryption configuration (${setup.source}) ${setup.problems.length ? "has problems" : "has no state method"}.`, "Fix the backend's encryption configuration.");
  }
  const m = config.methods.get(primary)!;
  if (m.type === "unencrypted") return plaintext;
  const inner = JSON.parse(decoder.decode(plaintext)) as { serial?: unknown; lineage?: unknown };
  const meta = new Map<string, Buffer>();
  const key = await encryptionKey({ config, meta: new Map(), kms }, m.keys, meta);
  const data = aesGcmEncrypt(key, plaintext, m.aad);
  return writeEnvelope(typeof inner.serial === "number" ? inner.serial : null, typeof inner.lineage === "string" ? inner.lineage : "", meta, data);
}

/**
 * The key the first method that has metadata in `meta` decrypts with, for decrypting while the state downloads
 * (stream-open.ts); null when that is not simple (no usable configuration, a provider failing): the whole bytes are
 * then decrypted by decryptStateBytes, which tries every method and reports why each failed.
 */
export async function firstStateKey(setup: EncryptionSetup | undefined, meta: Map<string, Buffer>, kms: KmsFactory): Promise<{ key: Buffer; aad?: Buffer; info: EncryptionInfo } | null> {
  const config = setup?.config;
  if (!config?.state || (setup?.problems.length ?? 0) > 0) return null;
  for (const [i, addr] of config.state.methods.entries()) {
    const m = config.methods.get(addr)!;
    if (m.type !== "aes_gcm") continue;
    const key = await decryptionKey({ config, meta, kms }, m.keys).catch(() => null);
    if (!key) continue;
    return { key, aad: m.aad, info: { method: addr, keyProviders: keyProviderChain(config, m), fallback: i > 0, encryptionVersion: ENCRYPTION_VERSION } };
  }
  return null;
}
