/**
 * OpenTofu-encrypted states written by REAL tofu (scripts/build-tofu.sh) into the local moto, read by Statehouse
 * with the configuration tofu used: the plaintext must equal `tofu state pull`, the outputs `tofu output -json`.
 * Every failure case has its own error code. No ciphertext here was made by anything but tofu.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateKeyCommand, DecryptCommand, DisableKeyCommand, EnableKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { restoreVersion } from "@/lib/backend/restore";
import { listVersions, readStateObject } from "@/lib/backend/versions";
import { terraformOutputJson } from "@/lib/cli/terraform-output";
import type { BackendDefinition } from "@/lib/config/types";
import { loadEncryptionSetup, type EncryptionSource } from "@/lib/encryption/load";
import { decryptStateBytes, firstStateKey } from "@/lib/encryption/state-crypt";
import { stopDecryptWorker } from "@/lib/encryption/decrypt-worker";
import { EnvelopeStream } from "@/lib/encryption/stream-open";
import { metrics } from "@/lib/observability/metrics";
import { isStatehouseError, type StateEncryptionCode } from "@/lib/errors";
import { kmsFactory, openStateBytes, readStoredState } from "@/lib/backend/encrypted-state";
import { loadState } from "@/lib/domain/state";
import { parseState } from "@/lib/state/parse";
import { createBucket, motoEndpoint, rawClients, TEST_REGION, testOptions, uniqueName } from "@/testkit/moto";
import { outputsBody, tofuAvailable, tofuDir, TOFU_BIN, type TofuDir } from "@/testkit/tofu";
import { startFaultProxy } from "@/testkit/fault-proxy";

const PASS = "correct-horse-battery-staple-1";
const OLD_PASS = "an-older-passphrase-0000";

const pbkdf2Block = (name: string, passExpr: string, extra = "") => `
  key_provider "pbkdf2" "${name}" {
    passphrase = ${passExpr}
    ${extra}
  }`;

function encryptionBlock(providers: string, methods: string, state: string): string {
  return `  encryption {\n${providers}\n${methods}\n  state {\n${state}\n  }\n  }`;
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isStatehouseError(e)) return e.code;
    throw e;
  }
  return "no error";
}

async function backendFor(bucket: string, key: string, src: Omit<EncryptionSource, "cwd"> | null): Promise<BackendContext> {
  const def: BackendDefinition = { name: uniqueName("b"), options: testOptions({ bucket, key }), source: "test" };
  if (src) {
    const encryption = await loadEncryptionSetup({ cwd: "/", ...src });
    if (encryption) def.encryption = encryption;
  }
  return openBackend(def);
}

/** What tofu says the state is (decrypted by tofu), beside what Statehouse decrypts. */
async function expectSameAsTofu(t: TofuDir, ctx: BackendContext, env: Record<string, string>): Promise<void> {
  const pulled = await t.tofu(["state", "pull"], env);
  const outputs = await t.tofu(["output", "-json"], env);
  const stored = await readStateObject(ctx, "default");
  const opened = await openStateBytes(ctx, stored.bytes);
  expect(opened.encryption).toBeDefined();
  expect(JSON.parse(new TextDecoder().decode(opened.bytes))).toEqual(JSON.parse(pulled.stdout));
  const result = parseState(opened.bytes);
  if (result.kind !== "state") throw new Error(`expected a state, got ${result.kind}`);
  expect(terraformOutputJson(result.state, opened.bytes)).toBe(outputs.stdout);
}

describe.skipIf(!tofuAvailable())("states encrypted by real OpenTofu", () => {
  const endpoint = process.env.MOTO_ENDPOINT ?? "";
  let bucket: string;

  beforeAll(async () => {
    motoEndpoint();
    bucket = uniqueName("tofu-enc");
    await createBucket(bucket, { versioning: "Enabled" });
  });

  describe("pbkdf2 + aes_gcm, passphrase from TF_VAR_passphrase", () => {
    let t: TofuDir;
    const env = { TF_VAR_passphrase: PASS };
    const block = encryptionBlock(pbkdf2Block("main", "var.passphrase"), `  method "aes_gcm" "main" {\n    keys = key_provider.pbkdf2.main\n  }`, "    method = method.aes_gcm.main\n    enforced = true");

    beforeAll(async () => {
      t = await tofuDir({ endpoint, bucket, key: "pbkdf2/terraform.tfstate" });
      await t.write(block, outputsBody(1));
      await t.tofu(["init", "-no-color"], env);
      await t.tofu(["apply", "-auto-approve", "-no-color"], env);
      await t.write(block, outputsBody(2));
      await t.tofu(["apply", "-auto-approve", "-no-color"], env);
    }, 180_000);

    it("is an envelope in S3, and Statehouse reads it exactly as tofu does", async () => {
      const ctx = await backendFor(bucket, "pbkdf2/terraform.tfstate", { dir: t.dir, env });
      const raw = JSON.parse(new TextDecoder().decode((await readStateObject(ctx, "default")).bytes)) as Record<string, unknown>;
      expect(raw.encryption_version).toBe("v0");
      expect(Object.keys(raw.meta as object)).toEqual(["key_provider.pbkdf2.main"]);
      await expectSameAsTofu(t, ctx, env);
      const loaded = await loadState(ctx, "default");
      expect(loaded.result.kind).toBe("state");
      if (loaded.result.kind !== "state") return;
      expect(loaded.result.state.serial).toBe(BigInt(raw.serial as number));
      expect(loaded.result.encryption).toEqual({ method: "method.aes_gcm.main", keyProviders: ["key_provider.pbkdf2.main"], fallback: false, encryptionVersion: "v0" });
    });

    it("restore of the first version: re-encrypted as tofu writes it; tofu plan runs and state pull shows it with the new serial", async () => {
      const ctx = await backendFor(bucket, "pbkdf2/terraform.tfstate", { dir: t.dir, env });
      const { versions } = await listVersions(ctx, "default");
      // Newest first: the last is the first state tofu wrote.
      const oldest = versions.filter((v) => !v.isDeleteMarker).at(-1)!;
      const before = JSON.parse(new TextDecoder().decode((await openStateBytes(ctx, (await readStateObject(ctx, "default", oldest.versionId)).bytes)).bytes)) as Record<string, unknown>;
      const currentSerial = (JSON.parse((await t.tofu(["state", "pull"], env)).stdout) as { serial: number }).serial;
      const r = await restoreVersion(ctx, { workspace: "default", versionId: oldest.versionId, who: "test@statehouse" });
      expect(r.serial).toBe(BigInt(currentSerial) + 1n);

      const stored = JSON.parse(new TextDecoder().decode((await readStateObject(ctx, "default")).bytes)) as Record<string, unknown>;
      expect(stored).toMatchObject({ serial: Number(r.serial), lineage: before.lineage, encryption_version: "v0" });
      const pulled = JSON.parse((await t.tofu(["state", "pull"], env)).stdout) as Record<string, unknown>;
      expect(pulled).toEqual({ ...before, serial: Number(r.serial) });
      await t.tofu(["plan", "-no-color", "-lock=false"], env);
      // Put back the newest generation for the tests that follow.
      await t.tofu(["apply", "-auto-approve", "-no-color"], env);
    }, 180_000);

    it("decrypting while the object downloads gives the very bytes of the whole-object path, however it is cut", async () => {
      const ctx = await backendFor(bucket, "pbkdf2/terraform.tfstate", { dir: t.dir, env });
      const envelope = Buffer.from((await readStateObject(ctx, "default")).bytes);
      const whole = await decryptStateBytes(ctx.def.encryption, envelope, kmsFactory(ctx));
      const keyFor = (meta: Map<string, Buffer>) => firstStateKey(ctx.def.encryption, meta, kmsFactory(ctx));
      const streamed = async (bytes: Buffer, size: number) => {
        const s = new EnvelopeStream(keyFor, bytes.length);
        for (let p = 0; p < bytes.length; p += size) await s.push(bytes.subarray(p, p + size));
        return s.finish();
      };
      for (const size of [1, 3, 17, 4096, envelope.length]) {
        const opened = await streamed(envelope, size);
        expect(opened && Buffer.from(opened.plaintext).equals(Buffer.from(whole!.plaintext))).toBe(true);
        expect(opened?.info).toEqual(whole!.info);
        expect(opened?.serial).toBe(whole!.envelope.serial);
      }
      // One flipped ciphertext byte, or a wrong passphrase: the stream gives up, and the whole path names the failure.
      const at = envelope.indexOf('"encrypted_data":"') + 40;
      const flipped = Buffer.from(envelope);
      flipped[at] = flipped[at] === 0x41 ? 0x42 : 0x41;
      expect(await streamed(flipped, 4096)).toBeNull();
      const wrong = await backendFor(bucket, "pbkdf2/terraform.tfstate", { dir: t.dir, env: { TF_VAR_passphrase: "not-the-right-passphrase" } });
      const s = new EnvelopeStream((meta) => firstStateKey(wrong.def.encryption, meta, kmsFactory(wrong)), envelope.length);
      await s.push(envelope);
      expect(await s.finish()).toBeNull();
      expect(await errorCode(readStoredState(wrong, "default"))).toBe("DECRYPTION_FAILED");
    });

    it("one decrypting worker serves reads at once; a lost worker costs speed, never an answer", async () => {
      const ctx = await backendFor(bucket, "pbkdf2/terraform.tfstate", { dir: t.dir, env });
      const envelope = Buffer.from((await readStateObject(ctx, "default")).bytes);
      const whole = (await decryptStateBytes(ctx.def.encryption, envelope, kmsFactory(ctx)))!.plaintext;
      const keyFor = (meta: Map<string, Buffer>) => firstStateKey(ctx.def.encryption, meta, kmsFactory(ctx));
      const same = (opened: { plaintext: Buffer } | null) => Boolean(opened && Buffer.from(opened.plaintext).equals(Buffer.from(whole)));
      // Two reads interleaved, a few bytes at a time, through the one worker.
      const [a, b] = [new EnvelopeStream(keyFor, envelope.length), new EnvelopeStream(keyFor, envelope.length)];
      for (let p = 0; p < envelope.length; p += 97) {
        await a.push(envelope.subarray(p, p + 97));
        await b.push(envelope.subarray(p, p + 97));
      }
      const [ra, rb] = await Promise.all([a.finish(), b.finish()]);
      expect([same(ra), same(rb)]).toEqual([true, true]);

      // The worker ends halfway through a read: that read gives up, and the next starts a new worker.
      const half = envelope.indexOf('"encrypted_data":"') + 200;
      const c = new EnvelopeStream(keyFor, envelope.length);
      await c.push(envelope.subarray(0, half));
      await stopDecryptWorker();
      await c.push(envelope.subarray(half));
      expect(await c.finish()).toBeNull();
      const d = new EnvelopeStream(keyFor, envelope.length);
      await d.push(envelope);
      expect(same(await d.finish())).toBe(true);

      // A state read counts how it decrypted: streamed here.
      const streamed = async () => (await metrics().encryptedReads.get()).values.find((v) => v.labels.how === "streamed")?.value ?? 0;
      const before = await streamed();
      const read = await readStoredState(ctx, "default");
      expect(read.result.kind === "state" && read.result.encryption?.method).toBe("method.aes_gcm.main");
      expect(await streamed()).toBe(before + 1);
    });

    it("the built command reads it in a process of its own, and that process ends (the idle worker holds nothing open)", () => {
      const r = spawnSync(process.execPath, [path.join(process.cwd(), "bin/statehouse.mjs"), "state", "show", "-json"], {
        cwd: t.dir,
        encoding: "utf8",
        env: { ...process.env, ...env, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", NO_COLOR: "1" },
        timeout: 60_000,
      });
      expect(r.error).toBeUndefined(); // a process still running at the timeout fails here
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ workspace: "default", kind: "state" });
    });

    it("wrong passphrase: DECRYPTION_FAILED (tofu refuses it too)", async () => {
      const wrong = { TF_VAR_passphrase: "not-the-right-passphrase" };
      const ctx = await backendFor(bucket, "pbkdf2/terraform.tfstate", { dir: t.dir, env: wrong });
      await expect(t.tofu(["state", "pull"], wrong)).rejects.toThrow(/decrypt/i);
      expect(await errorCode(loadState(ctx, "default"))).toBe("DECRYPTION_FAILED");
    });

    it("no passphrase set: ENCRYPTION_NOT_CONFIGURED naming the variable, never a value", async () => {
      const ctx = await backendFor(bucket, "pbkdf2/terraform.tfstate", { dir: t.dir, env: {} });
      const err = await loadState(ctx, "default").catch((e: unknown) => e);
      expect(isStatehouseError(err) && err.code).toBe("ENCRYPTION_NOT_CONFIGURED");
      expect(String((err as Error).message)).toContain("passphrase");
    });

    it("a backend without encryption settings still lists it as encrypted", async () => {
      const ctx = await backendFor(bucket, "pbkdf2/terraform.tfstate", null);
      const loaded = await loadState(ctx, "default");
      expect(loaded.result.kind).toBe("encrypted");
      const stored = await readStateObject(ctx, "default");
      expect(await errorCode(decryptStateBytes(undefined, stored.bytes, kmsFactory(ctx)))).toBe("ENCRYPTION_NOT_CONFIGURED");
    });

    it("the same configuration as TF_ENCRYPTION-style JSON in a named environment variable", async () => {
      const json = JSON.stringify({
        key_provider: { pbkdf2: { main: { passphrase: PASS } } },
        method: { aes_gcm: { main: { keys: "${key_provider.pbkdf2.main}" } } },
        state: { method: "${method.aes_gcm.main}" },
      });
      const ctx = await backendFor(bucket, "pbkdf2/terraform.tfstate", { envVar: "TF_ENCRYPTION_PROD", env: { TF_ENCRYPTION_PROD: json } });
      await expectSameAsTofu(t, ctx, env);
    });

    it("errors that tofu also gives on the same tofu-written envelope: unknown version, serial mismatch", async () => {
      const stored = await readStateObject(await backendFor(bucket, "pbkdf2/terraform.tfstate", null), "default");
      const doc = JSON.parse(new TextDecoder().decode(stored.bytes)) as Record<string, unknown>;
      const put = async (key: string, d: Record<string, unknown>) => {
        await rawClients().s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(d) }));
      };
      const env2 = { ...env };
      const probe = await tofuDir({ endpoint, bucket, key: "probe/terraform.tfstate" });
      await probe.write(block, outputsBody(2));
      await probe.tofu(["init", "-no-color"], env2);

      await put("probe/terraform.tfstate", { ...doc, encryption_version: "v9" });
      await expect(probe.tofu(["state", "pull"], env2)).rejects.toThrow(/version/i);
      const ctx = await backendFor(bucket, "probe/terraform.tfstate", { dir: t.dir, env });
      expect(await errorCode(openStateBytes(ctx, (await readStateObject(ctx, "default")).bytes))).toBe("ENCRYPTION_VERSION_UNKNOWN");

      await put("probe/terraform.tfstate", { ...doc, serial: (doc.serial as number) + 5 });
      await expect(probe.tofu(["state", "pull"], env2)).rejects.toThrow(/serial field mismatch/);
      expect(await errorCode(openStateBytes(ctx, (await readStateObject(ctx, "default")).bytes))).toBe("ENCRYPTION_MISMATCH");
      // The page's read (decrypt once, parse once, then compare) refuses it alike.
      expect(await errorCode(loadState(ctx, "default"))).toBe("ENCRYPTION_MISMATCH");
    }, 120_000);
  });

  describe("fallback from an old passphrase, and encrypted_metadata_alias", () => {
    let t: TofuDir;
    const key = "fallback/terraform.tfstate";
    const env = { TF_VAR_passphrase: PASS, TF_VAR_old_passphrase: OLD_PASS };
    const vars = `variable "old_passphrase" {\n  type = string\n  default = null\n}\n`;
    const oldOnly = encryptionBlock(pbkdf2Block("old", "var.old_passphrase", 'encrypted_metadata_alias = "legacy-key"'), `  method "aes_gcm" "old" {\n    keys = key_provider.pbkdf2.old\n  }`, "    method = method.aes_gcm.old");
    const rotated = encryptionBlock(
      pbkdf2Block("old", "var.old_passphrase", 'encrypted_metadata_alias = "legacy-key"') + pbkdf2Block("new", "var.passphrase"),
      `  method "aes_gcm" "old" {\n    keys = key_provider.pbkdf2.old\n  }\n  method "aes_gcm" "new" {\n    keys = key_provider.pbkdf2.new\n  }`,
      "    method = method.aes_gcm.new\n    fallback {\n      method = method.aes_gcm.old\n    }",
    );

    beforeAll(async () => {
      t = await tofuDir({ endpoint, bucket, key });
      await t.write(oldOnly, vars + outputsBody(1));
      await t.tofu(["init", "-no-color"], env);
      await t.tofu(["apply", "-auto-approve", "-no-color"], env);
    }, 180_000);

    it("the alias is the meta key tofu writes, and Statehouse finds the provider by it", async () => {
      const ctx = await backendFor(bucket, key, { dir: t.dir, env });
      const raw = JSON.parse(new TextDecoder().decode((await readStateObject(ctx, "default")).bytes)) as { meta: object };
      expect(Object.keys(raw.meta)).toEqual(["legacy-key"]);
      await expectSameAsTofu(t, ctx, env);
    });

    it("a configuration whose providers name none of the state's meta keys: ENCRYPTION_META_UNKNOWN", async () => {
      const other = await tofuDir({ endpoint, bucket, key });
      await other.write(encryptionBlock(pbkdf2Block("new", "var.passphrase"), `  method "aes_gcm" "new" {\n    keys = key_provider.pbkdf2.new\n  }`, "    method = method.aes_gcm.new"), vars + outputsBody(1));
      const ctx = await backendFor(bucket, key, { dir: other.dir, env });
      const err = await loadState(ctx, "default").catch((e: unknown) => e);
      expect(isStatehouseError(err) && err.code).toBe("ENCRYPTION_META_UNKNOWN");
      expect((err as Error).message).toContain("legacy-key");
    });

    it("after rotation the old state is read through the fallback; tofu's next apply re-encrypts with the primary", async () => {
      await t.write(rotated, vars + outputsBody(1));
      const ctx = await backendFor(bucket, key, { dir: t.dir, env });
      const before = await openStateBytes(ctx, (await readStateObject(ctx, "default")).bytes);
      expect(before.encryption).toMatchObject({ method: "method.aes_gcm.old", fallback: true });
      await expectSameAsTofu(t, ctx, env);

      await t.write(rotated, vars + outputsBody(2));
      await t.tofu(["apply", "-auto-approve", "-no-color"], env);
      const after = await openStateBytes(ctx, (await readStateObject(ctx, "default")).bytes);
      expect(after.encryption).toMatchObject({ method: "method.aes_gcm.new", fallback: false });
      await expectSameAsTofu(t, ctx, env);
    }, 120_000);
  });

  describe("aws_kms against moto's KMS", () => {
    let t: TofuDir;
    let keyId: string;
    const key = "kms/terraform.tfstate";
    const kms = () => new KMSClient({ region: TEST_REGION, endpoint: process.env.MOTO_ENDPOINT, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    const block = () =>
      encryptionBlock(
        `  key_provider "aws_kms" "main" {\n    kms_key_id = "${keyId}"\n    key_spec = "AES_256"\n    region = "${TEST_REGION}"\n    skip_credentials_validation = true\n    skip_requesting_account_id = true\n  }`,
        `  method "aes_gcm" "main" {\n    keys = key_provider.aws_kms.main\n  }`,
        "    method = method.aes_gcm.main",
      );

    beforeAll(async () => {
      keyId = (await kms().send(new CreateKeyCommand({ Description: "statehouse test" }))).KeyMetadata!.KeyId!;
      t = await tofuDir({ endpoint, bucket, key });
      await t.write(block(), outputsBody(1));
      await t.tofu(["init", "-no-color"]);
      await t.tofu(["apply", "-auto-approve", "-no-color"]);
    }, 180_000);

    it("reads it with kms:Decrypt through the backend's credentials, as tofu does", async () => {
      const ctx = await backendFor(bucket, key, { dir: t.dir, env: { AWS_ENDPOINT_URL_KMS: endpoint } });
      const raw = JSON.parse(new TextDecoder().decode((await readStateObject(ctx, "default")).bytes)) as { meta: Record<string, string> };
      expect(Object.keys(raw.meta)).toEqual(["key_provider.aws_kms.main"]);
      expect(JSON.parse(Buffer.from(raw.meta["key_provider.aws_kms.main"]!, "base64").toString())).toHaveProperty("ciphertext_blob");
      await expectSameAsTofu(t, ctx, {});
    });

    it("a KMS key the credentials may not use for this data key: KMS_DENIED (tofu is refused too)", async () => {
      // moto answers Decrypt with AccessDeniedException when the request names another key than the blob's
      // (it does not enforce disabled keys or IAM), which is what a denied key looks like to both tools.
      const otherKey = (await kms().send(new CreateKeyCommand({ Description: "statehouse other" }))).KeyMetadata!.KeyId!;
      const other = await tofuDir({ endpoint, bucket, key });
      await other.write(block().replace(keyId, otherKey), outputsBody(1));
      await expect(other.tofu(["init", "-no-color"])).rejects.toThrow(/AccessDeniedException/);
      const ctx = await backendFor(bucket, key, { dir: other.dir, env: { AWS_ENDPOINT_URL_KMS: endpoint } });
      const err = await openStateBytes(ctx, (await readStateObject(ctx, "default")).bytes).catch((e: unknown) => e);
      expect(isStatehouseError(err) && err.code).toBe("KMS_DENIED" satisfies StateEncryptionCode);
      expect((err as Error).message).toContain("access denied");
    }, 120_000);

    it("a disabled KMS key: KMS_DENIED naming the disabled key (AWS's DisabledException answer, which moto does not give)", async () => {
      // A fresh data key (tofu generates one per write), so no earlier read has it cached.
      await t.write(block(), outputsBody(3));
      await t.tofu(["apply", "-auto-approve", "-no-color"]);
      const stored = await readStateObject(await backendFor(bucket, key, null), "default");
      const blob = JSON.parse(Buffer.from((JSON.parse(new TextDecoder().decode(stored.bytes)) as { meta: Record<string, string> }).meta["key_provider.aws_kms.main"]!, "base64").toString()) as { ciphertext_blob: string };
      await kms().send(new DisableKeyCommand({ KeyId: keyId }));
      // moto 5 keeps decrypting with a disabled (or pending-deletion) key: checked here, so this test notices when it learns to refuse.
      await expect(kms().send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: Buffer.from(blob.ciphertext_blob, "base64") }))).resolves.toHaveProperty("Plaintext");
      // So KMS's refusal comes from a proxy in front of moto, answering Decrypt exactly as AWS does for a disabled key.
      const proxy = await startFaultProxy(endpoint);
      try {
        proxy.add({ match: { dynamoOperation: "Decrypt" }, fault: { kind: "status", status: 400, code: "DisabledException" } });
        await expect(t.tofu(["state", "pull"], { AWS_ENDPOINT_URL_KMS: proxy.endpoint })).rejects.toThrow(/DisabledException/);
        const ctx = await backendFor(bucket, key, { dir: t.dir, env: { AWS_ENDPOINT_URL_KMS: proxy.endpoint } });
        const err = await openStateBytes(ctx, stored.bytes).catch((e: unknown) => e);
        expect(isStatehouseError(err) && err.code).toBe("KMS_DENIED");
        expect((err as Error).message).toMatch(/KMS key .* is disabled/);
        expect(proxy.faulted("status").length).toBeGreaterThan(0);
        // A key pending deletion: AWS answers KMSInvalidStateException; the same code, its own reason.
        proxy.clear();
        proxy.add({ match: { dynamoOperation: "Decrypt" }, fault: { kind: "status", status: 400, code: "KMSInvalidStateException" } });
        const err2 = await openStateBytes(ctx, stored.bytes).catch((e: unknown) => e);
        expect(isStatehouseError(err2) && err2.code).toBe("KMS_DENIED");
        expect((err2 as Error).message).toContain("not usable in its current state");
      } finally {
        await proxy.stop();
        await kms().send(new EnableKeyCommand({ KeyId: keyId }));
      }
    }, 180_000);
  });

  describe("configuration problems are named", () => {
    it("unsupported key providers are named, not ignored", async () => {
      const t = await tofuDir({ endpoint, bucket, key: "unused" });
      await t.write(encryptionBlock(`  key_provider "gcp_kms" "g" {\n    kms_encryption_key = "k"\n    key_length = 32\n  }`, `  method "aes_gcm" "m" {\n    keys = key_provider.gcp_kms.g\n  }`, "    method = method.aes_gcm.m"), outputsBody(1));
      const setup = await loadEncryptionSetup({ dir: t.dir, env: {}, cwd: "/" });
      expect(setup?.problems.map((p) => p.message).join("\n")).toMatch(/gcp_kms key provider is not supported/);
    });
  });

});

describe.runIf(!tofuAvailable())("states encrypted by real OpenTofu (skipped)", () => {
  it.skip(`needs the tofu binary at ${TOFU_BIN}: run scripts/build-tofu.sh (npm test's setup builds it)`, () => {});
});
