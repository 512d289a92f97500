/**
 * OpenTofu's `encryption` configuration in Terraform's JSON form (a `terraform { encryption {} }` block through
 * hcl2json, or TF_ENCRYPTION as HCL or JSON), merged as tofu merges them and evaluated with var.* and local.*.
 * Passphrases and keys end up in Secret objects; no message built here ever contains a value.
 */
import { ConfigError, type ConfigProblem } from "@/lib/errors";
import { evaluate, type Scope } from "@/lib/config/expressions";
import { blockBodies, isPlainObject, labeledBlocks, type HclBody } from "@/lib/config/hcl";
import { Secret } from "./secret";

export type HashFunction = "sha256" | "sha512";

export interface Pbkdf2Provider {
  type: "pbkdf2";
  addr: string;
  metaKey: string;
  passphrase?: Secret;
  /** Address of the key provider whose output is the passphrase (pbkdf2's `chain`). */
  chain?: string;
  keyLength: number;
  iterations: number;
  hashFunction: HashFunction;
  saltLength: number;
}

export interface AwsKmsProvider {
  type: "aws_kms";
  addr: string;
  metaKey: string;
  kmsKeyId: string;
  keySpec: string;
  region?: string;
  profile?: string;
  accessKey?: Secret;
  secretKey?: Secret;
  token?: Secret;
}

export type KeyProvider = Pbkdf2Provider | AwsKmsProvider;

export type Method = { type: "aes_gcm"; addr: string; keys: string; aad?: Buffer } | { type: "unencrypted"; addr: string };

export interface EncryptionConfig {
  keyProviders: Map<string, KeyProvider>;
  methods: Map<string, Method>;
  /** The state target: primary method first, then its fallbacks in order. Null without a `state` block. */
  state: { methods: string[]; enforced: boolean } | null;
}

/** Known to tofu but not implemented here: named in the error rather than ignored. */
const UNSUPPORTED_PROVIDERS = new Set(["gcp_kms", "openbao", "azure_vault", "external", "static", "xor"]);
const UNSUPPORTED_METHODS = new Set(["external"]);
const PBKDF2_MIN_ITERATIONS = 200_000;
export const PBKDF2_MIN_PASSPHRASE = 16;

const TRAVERSAL = /^(?:\$\{\s*)?(key_provider|method)\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\s*\})?$/;

/** `key_provider.T.N` / `method.T.N`, bare (JSON form) or as one interpolation (native syntax through hcl2json). */
function reference(value: unknown, root: "key_provider" | "method"): string | null {
  if (typeof value !== "string") return null;
  const m = TRAVERSAL.exec(value.trim());
  if (!m || m[1] !== root) return null;
  const bare = !value.trim().startsWith("${");
  if (!bare && !value.trim().endsWith("}")) return null;
  return `${root}.${m[2]}.${m[3]}`;
}

/** tofu's MergeConfigs: providers and methods merged by type and name attribute by attribute, targets by field. */
export function mergeEncryptionBodies(base: HclBody | null, override: HclBody | null): HclBody | null {
  if (!base) return override;
  if (!override) return base;
  const out: HclBody = { ...base };
  for (const kind of ["key_provider", "method"] as const) {
    const merged = new Map<string, Map<string, HclBody>>();
    for (const src of [base[kind], override[kind]]) {
      for (const [type, byName] of labeledBlocks(src)) {
        for (const [name, body] of labeledBlocks(byName)) {
          const m = merged.get(type) ?? new Map<string, HclBody>();
          m.set(name, { ...(m.get(name) ?? {}), ...body });
          merged.set(type, m);
        }
      }
    }
    out[kind] = Object.fromEntries([...merged].map(([t, m]) => [t, Object.fromEntries(m)]));
  }
  const target = (a: HclBody | undefined, b: HclBody | undefined): HclBody | undefined => {
    if (!a) return b;
    if (!b) return a;
    const fb = target(blockBodies(a.fallback)[0], blockBodies(b.fallback)[0]);
    return { ...a, ...b, ...(fb ? { fallback: fb } : {}) };
  };
  for (const t of ["state", "plan"] as const) {
    const m = target(blockBodies(base[t])[0], blockBodies(override[t])[0]);
    if (m) out[t] = m;
  }
  if (override.remote_state_data_sources !== undefined) out.remote_state_data_sources = override.remote_state_data_sources;
  return out;
}

interface Ctx {
  scope: Scope;
  source: string;
  problems: ConfigProblem[];
}

async function value(ctx: Ctx, raw: unknown, where: string): Promise<unknown> {
  try {
    return await evaluate(raw, ctx.scope, ctx.source);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    ctx.problems.push(...e.problems.map((p) => ({ ...p, option: `encryption: ${where}`, source: ctx.source })));
    return undefined;
  }
}

async function text(ctx: Ctx, body: HclBody, name: string, where: string): Promise<string | undefined> {
  if (!Object.hasOwn(body, name)) return undefined;
  const v = await value(ctx, body[name], `${where}.${name}`);
  if (v === undefined) return undefined;
  if (typeof v !== "string") {
    ctx.problems.push({ option: `encryption: ${where}.${name}`, message: "must be a string", source: ctx.source });
    return undefined;
  }
  return v;
}

async function integer(ctx: Ctx, body: HclBody, name: string, where: string, fallback: number): Promise<number> {
  if (!Object.hasOwn(body, name)) return fallback;
  const v = await value(ctx, body[name], `${where}.${name}`);
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    if (v !== undefined) ctx.problems.push({ option: `encryption: ${where}.${name}`, message: "must be a whole number", source: ctx.source });
    return fallback;
  }
  return n;
}

const ALLOWED: Record<string, string[]> = {
  pbkdf2: ["passphrase", "chain", "key_length", "iterations", "hash_function", "salt_length", "encrypted_metadata_alias"],
};

async function keyProvider(ctx: Ctx, type: string, name: string, body: HclBody): Promise<KeyProvider | null> {
  const addr = `key_provider.${type}.${name}`;
  const alias = await text(ctx, body, "encrypted_metadata_alias", addr);
  const metaKey = alias || addr;
  const problem = (message: string) => {
    ctx.problems.push({ option: `encryption: ${addr}`, message, source: ctx.source });
    return null;
  };
  if (type === "pbkdf2") {
    for (const k of Object.keys(body)) if (!ALLOWED.pbkdf2!.includes(k)) problem(`unsupported argument "${k}"`);
    const chain = Object.hasOwn(body, "chain") ? reference(body.chain, "key_provider") : null;
    if (Object.hasOwn(body, "chain") && !chain) return problem('chain must refer to another key provider (chain = key_provider.<type>.<name>)');
    const passphrase = await text(ctx, body, "passphrase", addr);
    const p: Pbkdf2Provider = {
      type,
      addr,
      metaKey,
      keyLength: await integer(ctx, body, "key_length", addr, 32),
      iterations: await integer(ctx, body, "iterations", addr, 600_000),
      hashFunction: "sha512",
      saltLength: await integer(ctx, body, "salt_length", addr, 32),
    };
    const hash = (await text(ctx, body, "hash_function", addr)) ?? "sha512";
    if (hash !== "sha256" && hash !== "sha512") return problem(`invalid hash function name "${hash}" (sha256 or sha512)`);
    p.hashFunction = hash;
    if (passphrase && chain) return problem("passphrase and chain are mutually exclusive");
    if (!passphrase && !chain && !Object.hasOwn(body, "passphrase")) return problem("no passphrase provided and no chained provider defined");
    if (passphrase !== undefined) {
      // Length in bytes, as Go's len() counts it.
      if (Buffer.byteLength(passphrase) < PBKDF2_MIN_PASSPHRASE) return problem(`passphrase is too short (minimum ${PBKDF2_MIN_PASSPHRASE} characters)`);
      p.passphrase = new Secret(passphrase);
    } else if (!chain) {
      return null; // its evaluation problem is already recorded
    }
    if (chain) p.chain = chain;
    if (p.keyLength <= 0) return problem("the key length must be larger than zero");
    if (p.iterations < PBKDF2_MIN_ITERATIONS) return problem(`the number of iterations is dangerously low (<${PBKDF2_MIN_ITERATIONS})`);
    if (p.saltLength <= 0) return problem("the salt length must be larger than zero");
    return p;
  }
  if (type === "aws_kms") {
    const kmsKeyId = await text(ctx, body, "kms_key_id", addr);
    const keySpec = await text(ctx, body, "key_spec", addr);
    if (!kmsKeyId) return problem("kms_key_id is required");
    if (!keySpec) return problem("key_spec is required (e.g. AES_256)");
    const p: AwsKmsProvider = { type, addr, metaKey, kmsKeyId, keySpec };
    for (const [opt, field] of [["region", "region"], ["profile", "profile"]] as const) {
      const v = await text(ctx, body, opt, addr);
      if (v) p[field] = v;
    }
    for (const [opt, field] of [["access_key", "accessKey"], ["secret_key", "secretKey"], ["token", "token"]] as const) {
      const v = await text(ctx, body, opt, addr);
      if (v) p[field] = new Secret(v);
    }
    return p;
  }
  if (UNSUPPORTED_PROVIDERS.has(type)) return problem(`the ${type} key provider is not supported by Statehouse (supported: pbkdf2, aws_kms); states it protects cannot be decrypted here`);
  return problem(`unknown key_provider type "${type}"`);
}

async function method(ctx: Ctx, type: string, name: string, body: HclBody, providers: Map<string, KeyProvider>, declared: Set<string>): Promise<Method | null> {
  const addr = `method.${type}.${name}`;
  const problem = (message: string) => {
    ctx.problems.push({ option: `encryption: ${addr}`, message, source: ctx.source });
    return null;
  };
  if (type === "unencrypted") return { type, addr };
  if (type === "aes_gcm") {
    const keys = reference(body.keys, "key_provider");
    if (!keys) return problem("keys must refer to a key provider (keys = key_provider.<type>.<name>)");
    if (!declared.has(keys)) return problem(`there is no ${keys.replace(/^key_provider\.([^.]+)\.(.+)$/, 'key_provider "$1" "$2"')} block declared in the encryption block`);
    if (!providers.has(keys)) return null; // the provider's own problem is recorded
    const m: Method = { type, addr, keys };
    if (Object.hasOwn(body, "aad")) {
      const aad = await value(ctx, body.aad, `${addr}.aad`);
      if (!Array.isArray(aad) || !aad.every((b) => Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 255)) return problem("aad must be a list of byte values (0-255)");
      m.aad = Buffer.from(aad as number[]);
    }
    return m;
  }
  if (UNSUPPORTED_METHODS.has(type)) return problem(`the ${type} method is not supported by Statehouse (supported: aes_gcm, unencrypted)`);
  return problem(`unknown encryption method type "${type}"`);
}

async function stateTarget(ctx: Ctx, body: HclBody | undefined, methods: Map<string, Method>, declared: Set<string>): Promise<EncryptionConfig["state"]> {
  if (!body) return null;
  const list: string[] = [];
  for (let t: HclBody | undefined = body, where = "state"; t; t = blockBodies(t.fallback)[0], where += ".fallback") {
    const ref = reference(t.method, "method");
    if (!ref) {
      ctx.problems.push({ option: `encryption: ${where}.method`, message: "expected a method of the form method.<type>.<name>", source: ctx.source });
      break;
    }
    if (!declared.has(ref)) ctx.problems.push({ option: `encryption: ${where}.method`, message: `there is no method ${ref} declared in the encryption block`, source: ctx.source });
    else if (methods.has(ref)) list.push(ref);
  }
  const enforcedRaw = Object.hasOwn(body, "enforced") ? await value(ctx, body.enforced, "state.enforced") : false;
  const enforced = enforcedRaw === true || enforcedRaw === "true";
  if (enforced && list.some((m) => methods.get(m)?.type === "unencrypted")) {
    ctx.problems.push({ option: "encryption: state", message: "the unencrypted method is forbidden because enforced is set", source: ctx.source });
  }
  return { methods: list, enforced };
}

/** Evaluates a merged encryption body; problems are returned (not thrown) so that a backend stays listable. */
export async function resolveEncryptionConfig(body: HclBody, scope: Scope, source: string): Promise<{ config: EncryptionConfig; problems: ConfigProblem[] }> {
  const ctx: Ctx = { scope, source, problems: [] };
  for (const k of Object.keys(body)) {
    if (!["key_provider", "method", "state", "plan", "remote_state_data_sources", "//"].includes(k)) ctx.problems.push({ option: "encryption", message: `unsupported block or argument "${k}"`, source });
  }
  const keyProviders = new Map<string, KeyProvider>();
  const declaredProviders = new Set<string>();
  for (const [type, byName] of labeledBlocks(body.key_provider)) {
    for (const [name, b] of labeledBlocks(byName)) {
      declaredProviders.add(`key_provider.${type}.${name}`);
      const kp = await keyProvider(ctx, type, name, b);
      if (kp) keyProviders.set(kp.addr, kp);
    }
  }
  for (const kp of keyProviders.values()) {
    if (kp.type === "pbkdf2" && kp.chain && !declaredProviders.has(kp.chain)) {
      ctx.problems.push({ option: `encryption: ${kp.addr}.chain`, message: `there is no ${kp.chain} declared in the encryption block`, source });
    }
  }
  const methods = new Map<string, Method>();
  const declaredMethods = new Set<string>();
  for (const [type, byName] of labeledBlocks(body.method)) {
    for (const [name, b] of labeledBlocks(byName)) {
      declaredMethods.add(`method.${type}.${name}`);
      const m = await method(ctx, type, name, b, keyProviders, declaredProviders);
      if (m) methods.set(m.addr, m);
    }
  }
  const state = await stateTarget(ctx, blockBodies(body.state)[0], methods, declaredMethods);
  return { config: { keyProviders, methods, state }, problems: ctx.problems };
}

/** The key providers an aes_gcm method's key comes from: its own first, then each pbkdf2 `chain` in turn. */
export function keyProviderChain(config: EncryptionConfig, m: Method): string[] {
  if (m.type !== "aes_gcm") return [];
  const out: string[] = [];
  for (let addr: string | undefined = m.keys; addr && !out.includes(addr); ) {
    out.push(addr);
    const kp = config.keyProviders.get(addr);
    addr = kp?.type === "pbkdf2" ? kp.chain : undefined;
  }
  return out;
}

export function isEncryptionBody(v: unknown): v is HclBody {
  return isPlainObject(v);
}
