import "server-only";
/**
 * Key providers: the key that decrypts (from the metadata in the state file) and the key plus metadata that
 * encrypts (what tofu itself writes). Derived and unwrapped keys are cached per process, bounded, so PBKDF2's
 * 600,000 iterations run once per salt, not per page view. Keys never leave this module except to aes-gcm.
 */
import { createHash, pbkdf2, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { StateEncryptionError } from "@/lib/errors";
import type { AwsKmsProvider, EncryptionConfig, KeyProvider, Pbkdf2Provider } from "./config";
import { goJson } from "./envelope";

const pbkdf2Async = promisify(pbkdf2);

/** Upper bounds on what a state file's metadata may ask for: a hostile file must not buy minutes of CPU. */
const MAX_ITERATIONS = 10_000_000;
const MAX_KEY_LENGTH = 1024;
const MAX_CACHED_KEYS = 256;

/** Insertion-ordered map used as an LRU of promises; failures are dropped so that a retry can succeed. */
const cache = new Map<string, Promise<Buffer>>();

function cached(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const p = make();
  cache.set(key, p);
  p.catch(() => cache.delete(key));
  if (cache.size > MAX_CACHED_KEYS) cache.delete(cache.keys().next().value as string);
  return p;
}

function digest(...parts: (string | Buffer)[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(typeof p === "string" ? Buffer.from(p) : p).update("\0");
  return h.digest("hex");
}

/**
 * The two KMS calls an aws_kms key provider makes, implemented over the SDK by lib/aws/kms.ts: the
 * encryption code itself never talks to AWS (docs/ARCHITECTURE.md, the layer rule).
 */
export interface KmsKeys {
  decrypt(input: { keyId: string; ciphertextBlob: Uint8Array; encryptionContext?: Record<string, string> }): Promise<Uint8Array | undefined>;
  generateDataKey(input: { keyId: string; keySpec: "AES_256" | "AES_128" }): Promise<{ plaintext?: Uint8Array; ciphertextBlob?: Uint8Array }>;
}
export type KmsFactory = (kp: AwsKmsProvider) => KmsKeys;

export interface KeyContext {
  config: EncryptionConfig;
  /** The envelope's metadata (meta key → JSON bytes); empty when encrypting. */
  meta: Map<string, Buffer>;
  kms: KmsFactory;
}

interface Pbkdf2Meta {
  salt: Buffer;
  iterations: number;
  hashFunction: "sha256" | "sha512";
  keyLength: number;
}

function metaProblem(kp: KeyProvider, message: string): StateEncryptionError {
  return new StateEncryptionError("DECRYPTION_FAILED", `The metadata of ${kp.addr} in the state file is invalid: ${message}.`, "The state file may be damaged; restore a prior version.", { keyProvider: kp.addr });
}

function readPbkdf2Meta(kp: Pbkdf2Provider, raw: Buffer): Pbkdf2Meta | null {
  let m: unknown;
  try {
    m = JSON.parse(raw.toString("utf8"));
  } catch {
    throw metaProblem(kp, "not JSON");
  }
  const o = (m ?? {}) as Record<string, unknown>;
  const salt = typeof o.salt === "string" ? Buffer.from(o.salt, "base64") : Buffer.alloc(0);
  const iterations = typeof o.iterations === "number" ? o.iterations : 0;
  const hash = typeof o.hash_function === "string" ? o.hash_function : "";
  const keyLength = typeof o.key_length === "number" ? o.key_length : 0;
  // tofu treats metadata with any field missing as absent (then this provider has no decryption key).
  if (salt.length === 0 || iterations === 0 || hash === "" || keyLength === 0) return null;
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > MAX_ITERATIONS) throw metaProblem(kp, `iterations ${iterations} (allowed 1 to ${MAX_ITERATIONS})`);
  if (!Number.isInteger(keyLength) || keyLength < 0 || keyLength > MAX_KEY_LENGTH) throw metaProblem(kp, `key_length ${keyLength}`);
  if (hash !== "sha256" && hash !== "sha512") throw metaProblem(kp, `hash function "${hash}"`);
  return { salt, iterations, hashFunction: hash, keyLength };
}

function derive(passphrase: Buffer, m: Pbkdf2Meta): Promise<Buffer> {
  return cached(digest("pbkdf2", passphrase, m.salt, String(m.iterations), m.hashFunction, String(m.keyLength)), () =>
    pbkdf2Async(passphrase, m.salt, m.iterations, m.keyLength, m.hashFunction),
  );
}

function provider(ctx: KeyContext, addr: string): KeyProvider {
  const kp = ctx.config.keyProviders.get(addr);
  if (!kp) throw new StateEncryptionError("ENCRYPTION_NOT_CONFIGURED", `${addr} is not configured.`, "Declare it in the encryption block.", { keyProvider: addr });
  return kp;
}

/** The key that decrypts, from this provider's metadata in the state; null when the state has none for it. */
export async function decryptionKey(ctx: KeyContext, addr: string, depth = 0): Promise<Buffer | null> {
  if (depth > 8) throw new StateEncryptionError("ENCRYPTION_NOT_CONFIGURED", `The key provider chain through ${addr} is circular or too deep.`, "Fix the chain options of the pbkdf2 key providers.");
  const kp = provider(ctx, addr);
  const raw = ctx.meta.get(kp.metaKey);
  if (!raw) return null;
  if (kp.type === "pbkdf2") {
    const m = readPbkdf2Meta(kp, raw);
    if (!m) return null;
    const passphrase = kp.chain ? await decryptionKey(ctx, kp.chain, depth + 1) : Buffer.from(kp.passphrase!.reveal());
    if (!passphrase) return null;
    return derive(passphrase, m);
  }
  return kmsDecrypt(ctx, kp, raw);
}

function kmsFailure(kp: AwsKmsProvider, e: unknown, action: string): StateEncryptionError {
  const name = (e as { name?: string })?.name ?? "Error";
  const reasons: Record<string, string> = {
    AccessDeniedException: "access denied",
    DisabledException: "the KMS key is disabled",
    KMSInvalidStateException: "the KMS key is not usable in its current state (disabled or pending deletion)",
    NotFoundException: "the KMS key does not exist",
    IncorrectKeyException: "the data key was not encrypted with this KMS key",
    InvalidCiphertextException: "KMS rejected the wrapped data key (wrong key or encryption context)",
    InvalidKeyUsageException: "the KMS key cannot be used for this operation",
  };
  const reason = reasons[name] ?? `${name}`;
  return new StateEncryptionError("KMS_DENIED", `${action} for ${kp.addr} (KMS key ${kp.kmsKeyId}) failed: ${reason}.`, `Grant ${action} on the KMS key to the credentials Statehouse uses, and check that the key is enabled.`, {
    keyProvider: kp.addr,
    kmsKeyId: kp.kmsKeyId,
    awsError: name,
  });
}

async function kmsDecrypt(ctx: KeyContext, kp: AwsKmsProvider, raw: Buffer): Promise<Buffer | null> {
  let m: { ciphertext_blob?: unknown; encryption_context?: unknown };
  try {
    m = JSON.parse(raw.toString("utf8")) as typeof m;
  } catch {
    throw metaProblem(kp, "not JSON");
  }
  if (typeof m.ciphertext_blob !== "string" || m.ciphertext_blob === "") return null;
  const blob = Buffer.from(m.ciphertext_blob, "base64");
  const context = m.encryption_context && typeof m.encryption_context === "object" ? (m.encryption_context as Record<string, string>) : undefined;
  const client = ctx.kms(kp);
  return cached(digest("kms", kp.kmsKeyId, blob, goJson(context ?? null)), async () => {
    try {
      const plaintext = await client.decrypt({ keyId: kp.kmsKeyId, ciphertextBlob: blob, ...(context ? { encryptionContext: context } : {}) });
      if (!plaintext) throw new Error("KMS returned no plaintext");
      return Buffer.from(plaintext);
    } catch (e) {
      throw kmsFailure(kp, e, "kms:Decrypt");
    }
  });
}

/** A fresh encryption key and the metadata tofu writes beside it (new salt; new data key). Not cached: each write gets its own. */
export async function encryptionKey(ctx: KeyContext, addr: string, out: Map<string, Buffer>, depth = 0): Promise<Buffer> {
  if (depth > 8) throw new StateEncryptionError("ENCRYPTION_NOT_CONFIGURED", `The key provider chain through ${addr} is circular or too deep.`, "Fix the chain options of the pbkdf2 key providers.");
  const kp = provider(ctx, addr);
  if (kp.type === "pbkdf2") {
    const passphrase = kp.chain ? await encryptionKey(ctx, kp.chain, out, depth + 1) : Buffer.from(kp.passphrase!.reveal());
    const salt = randomBytes(kp.saltLength);
    const key = await pbkdf2Async(passphrase, salt, kp.iterations, kp.keyLength, kp.hashFunction);
    out.set(kp.metaKey, Buffer.from(goJson({ salt: salt.toString("base64"), iterations: kp.iterations, hash_function: kp.hashFunction, key_length: kp.keyLength })));
    return key;
  }
  try {
    const res = await ctx.kms(kp).generateDataKey({ keyId: kp.kmsKeyId, keySpec: kp.keySpec as "AES_256" | "AES_128" });
    if (!res.plaintext || !res.ciphertextBlob) throw new Error("KMS returned no data key");
    out.set(kp.metaKey, Buffer.from(goJson({ ciphertext_blob: Buffer.from(res.ciphertextBlob).toString("base64") })));
    return Buffer.from(res.plaintext);
  } catch (e) {
    throw e instanceof StateEncryptionError ? e : kmsFailure(kp, e, "kms:GenerateDataKey");
  }
}
