/**
 * The demo estate's OpenTofu-encrypted backend: pbkdf2 + aes_gcm with a demo passphrase that the demo's
 * environment holds (TF_ENCRYPTION-style JSON in DEMO_ENCRYPTION_ENV; the Statehouse config names only the
 * variable). Envelopes are sealed by Statehouse's own encryption code, the one its restore uses; a test with
 * real tofu (test/aws/encryption/demo-envelopes.test.ts) proves that tofu reads exactly these envelopes.
 * Demo values only: the passphrase is public.
 */
import { NO_REFERENCES } from "@/lib/config/expressions";
import { parseJsonConfig } from "@/lib/config/hcl";
import type { BackendEncryption } from "@/lib/config/types";
import { resolveEncryptionConfig } from "@/lib/encryption/config";
import { encryptStateBytes } from "@/lib/encryption/state-crypt";
import { setMotoClockOffset } from "./moto";
import { buildState, lineageFor } from "./states";
import { toolStateBytes, type ToolWriter } from "./tool-writer";

/** The environment variable the demo's Statehouse config points the encrypted backend at. */
export const DEMO_ENCRYPTION_ENV = "STATEHOUSE_DEMO_TF_ENCRYPTION";
export const DEMO_PASSPHRASE = "statehouse-demo-passphrase-2026";
/** What an earlier team used: the "archive" workspace is sealed with it, so this server cannot decrypt it. */
const RETIRED_PASSPHRASE = "a-retired-passphrase-nobody-has";
/** Fewer than tofu's default 600,000 iterations (still above its 200,000 floor), so seeding and the demo stay quick. */
const DEMO_ITERATIONS = 200_000;

export const ENCRYPTED_WORKSPACE = "default";
export const UNDECRYPTABLE_WORKSPACE = "archive";
/** Versions of the encrypted default workspace, spread over this many past days when moto's clock can move. */
const VERSIONS = 5;
const SPREAD_DAYS = 10;

/** TF_ENCRYPTION as tofu takes it (JSON form): the same text configures tofu and Statehouse. */
export function demoEncryptionJson(passphrase = DEMO_PASSPHRASE): string {
  return JSON.stringify({
    key_provider: { pbkdf2: { main: { passphrase, iterations: DEMO_ITERATIONS } } },
    method: { aes_gcm: { main: { keys: "key_provider.pbkdf2.main" } } },
    state: { method: "method.aes_gcm.main", enforced: true },
  });
}

async function setupFor(passphrase: string): Promise<BackendEncryption> {
  const source = `environment variable ${DEMO_ENCRYPTION_ENV}`;
  const { config, problems } = await resolveEncryptionConfig(parseJsonConfig(source, demoEncryptionJson(passphrase)), NO_REFERENCES, source);
  if (problems.length) throw new Error(`demo encryption config: ${problems.map((p) => p.message).join("; ")}`);
  return { config, problems, source };
}

/** The envelope tofu would write for this plain state (fresh salt and nonce), sealed by Statehouse's encryption code. */
export async function sealDemoState(state: unknown, passphrase = DEMO_PASSPHRASE): Promise<Uint8Array> {
  const noKms = () => {
    throw new Error("the demo encryption uses no KMS");
  };
  return encryptStateBytes(await setupFor(passphrase), toolStateBytes("tofu", state), noKms);
}

/** The plain states the demo seals, oldest first (the e2e spec compares what the UI shows with them). */
export function demoEncryptedStates(): Record<string, unknown>[] {
  return Array.from({ length: VERSIONS }, (_, gen) => buildState({ seed: 61, generation: gen, lineage: lineageFor(61), terraformVersion: "1.10.0", webServers: 2 }));
}

/** Seeds the encrypted backend through a tofu-flavoured writer: the history of `default`, and `archive` under a retired key. */
export async function seedEncryptedWorkspaces(w: ToolWriter): Promise<void> {
  const bucket = w.ctx.def.options.bucket;
  const spread = process.env.MOTO_CLOCK_FILE ? SPREAD_DAYS : 0;
  const states = demoEncryptedStates();
  try {
    for (const [gen, state] of states.entries()) {
      if (spread) setMotoClockOffset(-Math.round(spread * 86400 * (1 - (gen + 1) / states.length)), [bucket]);
      await w.apply(ENCRYPTED_WORKSPACE, await sealDemoState(state), { who: gen % 2 ? "ci@runner-7" : "erin@laptop", version: "1.10.0" });
    }
  } finally {
    if (spread) setMotoClockOffset(0);
  }
  await w.apply(UNDECRYPTABLE_WORKSPACE, await sealDemoState(buildState({ seed: 62, lineage: lineageFor(62), terraformVersion: "1.8.0", webServers: 1 }), RETIRED_PASSPHRASE), { who: "ci@runner-7", version: "1.8.0" });
}
