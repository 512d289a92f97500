/**
 * OpenTofu state encryption: opening the 30 MB state (read from the local S3, decrypted, parsed: what a page pays
 * on a cache miss) sealed with pbkdf2 + aes_gcm against the same state stored plain, after the key was derived
 * once (target ≤ 1.2×); and the one-time PBKDF2 derivation (tofu's defaults: 600,000 × sha512, 32 bytes).
 */
import { pbkdf2Sync, randomBytes } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { parseStoredState, readStoredState } from "@/lib/backend/encrypted-state";
import { NO_REFERENCES } from "@/lib/config/expressions";
import { parseJsonConfig } from "@/lib/config/hcl";
import type { BackendEncryption } from "@/lib/config/types";
import { resolveEncryptionConfig } from "@/lib/encryption/config";
import { encryptStateBytes } from "@/lib/encryption/state-crypt";
import { createBucket, rawClients, testDefinition, testOptions } from "@/testkit/moto";
import type { BenchSection } from "./section";
import { figure, paired, timed } from "./stats";
import type { Row } from "./table";

const BUCKET = "bench-encryption";
const PASSPHRASE = "bench-passphrase-not-a-secret";

async function setup(): Promise<BackendEncryption> {
  const json = JSON.stringify({
    key_provider: { pbkdf2: { main: { passphrase: PASSPHRASE } } },
    method: { aes_gcm: { main: { keys: "key_provider.pbkdf2.main" } } },
    state: { method: "method.aes_gcm.main" },
  });
  const { config, problems } = await resolveEncryptionConfig(parseJsonConfig("bench", json), NO_REFERENCES, "bench");
  if (problems.length) throw new Error(problems.map((p) => p.message).join("; "));
  return { config, problems, source: "bench" };
}

const noKms = () => {
  throw new Error("no KMS in this benchmark");
};

/** What a page pays on a cache miss (loadState's read): the object read and parsed, an envelope decrypted as it arrives. */
async function open(ctx: BackendContext, encrypted: boolean): Promise<void> {
  const { result: r } = await readStoredState(ctx, "default");
  if (r.kind !== "state" || Boolean(r.encryption) !== encrypted) throw new Error(`read as ${r.kind}`);
}

export const encryptionSection: BenchSection = {
  name: "encryption",
  needs: [],
  async run({ runs, endpoint, data, log }) {
    const encryption = await setup();
    await createBucket(BUCKET, { versioning: "Enabled" }, endpoint).catch(() => undefined);
    const sealed = await encryptStateBytes(encryption, data.bigA, noKms);
    const { s3 } = rawClients(endpoint);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "plain/terraform.tfstate", Body: data.bigA }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "sealed/terraform.tfstate", Body: sealed }));
    log(`encryption: ${(data.bigA.length / 1048576).toFixed(1)} MB plain, ${(sealed.length / 1048576).toFixed(1)} MB sealed`);
    const plainCtx = openBackend(testDefinition("bench-plain", testOptions({ bucket: BUCKET, key: "plain/terraform.tfstate" }, endpoint)));
    const sealedCtx = openBackend({ ...testDefinition("bench-sealed", testOptions({ bucket: BUCKET, key: "sealed/terraform.tfstate" }, endpoint)), encryption });

    // paired() opens each once untimed first: that derives the key (cached per process), as the first page view would.
    const opening = await paired(runs, () => open(sealedCtx, true), () => open(plainCtx, false));

    // The same without the S3 read: what Statehouse itself adds (envelope, base64, AES-GCM) to the parse.
    const inMemory = await paired(
      runs,
      () => parseStoredState(sealedCtx, sealed),
      async () => parseStoredState(plainCtx, data.bigA),
    );

    // The derivation a process pays once per salt: sealing a small state with a fresh salt, against bare PBKDF2.
    const small = data.smallState;
    const derive: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      derive.push(await timed(() => encryptStateBytes(encryption, small, noKms)));
      bare.push(await timed(() => pbkdf2Sync(PASSPHRASE, randomBytes(32), 600_000, 32, "sha512")));
    }
    const rows: Row[] = [
      {
        what: "open the 30 MB state: pbkdf2/aes_gcm-encrypted vs plain (S3 read + decrypt + parse, key derived once)",
        value: opening.subject,
        unit: "ms",
        baseline: opening.baseline,
        baselineLabel: "plain",
        ratio: opening.subject.median / opening.baseline.median,
        target: "≤ 1.2×",
      },
      {
        what: "decrypt + parse the 30 MB state in memory vs parse the plain bytes (no S3 read)",
        value: inMemory.subject,
        unit: "ms",
        baseline: inMemory.baseline,
        baselineLabel: "plain",
        ratio: inMemory.subject.median / inMemory.baseline.median,
        target: "≤ 1.2×",
      },
      {
        what: "one-time PBKDF2 derivation (600,000 × sha512): sealing a small state with a fresh salt vs bare node:crypto pbkdf2",
        value: figure(derive),
        unit: "ms",
        baseline: figure(bare),
        baselineLabel: "pbkdf2Sync",
        ratio: figure(derive).median / figure(bare).median,
      },
    ];
    return rows;
  },
};
