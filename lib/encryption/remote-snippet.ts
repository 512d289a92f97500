/**
 * The consumer side of an encrypted producer: the `terraform { encryption { … remote_state_data_sources { … } } }`
 * block a configuration needs so that its `data "terraform_remote_state"` decrypts the producer's state (OpenTofu's
 * RemoteConfig: `remote_state_data_source "<data source name>"` with method and fallbacks). Pure. Secrets are
 * `var.` references with their variable declared sensitive; no passphrase, key or credential is ever printed.
 */
import { formatBody, HclRaw, type HclItem } from "@/lib/state/hcl-format";
import type { EncryptionConfig, KeyProvider, Method } from "./config";

interface Named {
  /** The consumer's own name for it: prefixed with the data source, so it never clashes with its own providers. */
  local: string;
  kp: KeyProvider;
}

const ident = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, "_");

function block(header: string, items: HclItem[], inner: string[][], depth: number): string[] {
  const pad = "  ".repeat(depth);
  return [`${pad}${header} {`, ...formatBody(items, depth + 1), ...inner.flat(), `${pad}}`];
}

/**
 * The HCL a consumer adds beside the data source named `dataName`, or null when the backend's state is not
 * encrypted (no state target, or only the unencrypted method). `region` is the backend's, for aws_kms providers without one.
 */
export function consumerEncryptionBlock(config: EncryptionConfig | null | undefined, dataName: string, region?: string): string | null {
  const state = config?.state;
  if (!config || !state) return null;
  const methods = state.methods.map((a) => config.methods.get(a)).filter((m): m is Method => m !== undefined);
  if (!methods.some((m) => m.type === "aes_gcm")) return null;

  const providers = new Map<string, Named>();
  const need = (addr: string): Named | undefined => {
    const kp = config.keyProviders.get(addr);
    if (!kp) return undefined;
    let named = providers.get(addr);
    if (!named) {
      named = { local: ident(`${dataName}_${kp.addr.split(".").slice(2).join(".")}`), kp };
      providers.set(addr, named);
      if (kp.type === "pbkdf2" && kp.chain) need(kp.chain);
    }
    return named;
  };
  const methodNames = methods.map((m) => {
    if (m.type === "aes_gcm") need(m.keys);
    return `method.${m.type}.${ident(`${dataName}_${m.addr.split(".").slice(2).join(".")}`)}`;
  });

  const variables: string[] = [];
  const providerBlocks = [...providers.values()].map(({ local, kp }) => {
    // The producer's file stores this provider's metadata under its own meta key: the alias makes the consumer find it.
    const items: HclItem[] = [];
    if (kp.type === "pbkdf2") {
      if (kp.chain) items.push({ name: "chain", value: new HclRaw(`key_provider.${providers.get(kp.chain)!.kp.type}.${providers.get(kp.chain)!.local}`) });
      else {
        const variable = `${local}_passphrase`;
        variables.push(variable);
        items.push({ comment: `A secret: set it in TF_VAR_${variable} (the producer's passphrase), never in code.` });
        items.push({ name: "passphrase", value: new HclRaw(`var.${variable}`) });
      }
    } else {
      items.push({ name: "kms_key_id", value: kp.kmsKeyId }, { name: "key_spec", value: kp.keySpec });
      const r = kp.region ?? region;
      if (r) items.push({ name: "region", value: r });
    }
    items.push({ name: "encrypted_metadata_alias", value: kp.metaKey });
    return block(`key_provider "${kp.type}" "${local}"`, items, [], 2);
  });
  const methodBlocks = methods.map((m, i) => {
    const local = methodNames[i]!.split(".")[2]!;
    const items: HclItem[] = [];
    if (m.type === "aes_gcm") {
      const kp = providers.get(m.keys)!;
      items.push({ name: "keys", value: new HclRaw(`key_provider.${kp.kp.type}.${kp.local}`) });
      if (m.aad) items.push({ name: "aad", value: [...m.aad] });
    }
    return block(`method "${m.type}" "${local}"`, items, [], 2);
  });
  // The primary method, then each fallback nested in the one before, as tofu's target blocks nest.
  const target = (i: number, depth: number): string[] =>
    block(i === 0 ? `remote_state_data_source "${dataName}"` : "fallback", [{ name: "method", value: new HclRaw(methodNames[i]!) }], i + 1 < methodNames.length ? [target(i + 1, depth + 1)] : [], depth);

  const lines = [
    "terraform {",
    "  encryption {",
    `    # The state data.terraform_remote_state.${dataName} reads is encrypted with OpenTofu state encryption: these decrypt it.`,
    "    # Merge them into your own encryption block (they add nothing to your own state's settings).",
    ...providerBlocks.flat(),
    ...methodBlocks.flat(),
    ...block("remote_state_data_sources", [], [target(0, 3)], 2),
    "  }",
    "}",
    ...variables.flatMap((v) => ["", `variable "${v}" {`, "  type      = string", "  sensitive = true", "}"]),
  ];
  return lines.join("\n") + "\n";
}
