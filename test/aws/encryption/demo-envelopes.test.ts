/**
 * The demo's encrypted backend (testkit/encrypted-estate.ts) is sealed by Statehouse's own encryption code, so it
 * must be proven against REAL tofu: tofu, given the same TF_ENCRYPTION settings, reads exactly these envelopes
 * (`tofu state pull`, `tofu output -json`), and refuses the one sealed under a retired passphrase, as Statehouse does.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { stateKey } from "@/lib/backend/keys";
import { restoreVersion } from "@/lib/backend/restore";
import { listVersions, readStateObject } from "@/lib/backend/versions";
import { terraformOutputJson } from "@/lib/cli/terraform-output";
import type { BackendDefinition } from "@/lib/config/types";
import { loadState, openStateBytes } from "@/lib/domain/state";
import { remoteStateSnippetFor } from "@/lib/domain/outputs";
import { versionSummaries } from "@/lib/domain/versions";
import { loadEncryptionSetup } from "@/lib/encryption/load";
import { isStatehouseError } from "@/lib/errors";
import { createBucket, motoEndpoint, rawClients, testOptions, uniqueName } from "@/testkit/moto";
import { DEMO_ENCRYPTION_ENV, DEMO_PASSPHRASE, demoEncryptedStates, demoEncryptionJson, ENCRYPTED_WORKSPACE, seedEncryptedWorkspaces, UNDECRYPTABLE_WORKSPACE } from "@/testkit/encrypted-estate";
import { tofuAvailable, tofuDir, type TofuDir } from "@/testkit/tofu";
import { ToolWriter } from "@/testkit/tool-writer";

const KEY = "payments/terraform.tfstate";
const decoder = new TextDecoder();

describe("the demo's encrypted workspaces", () => {
  let bucket: string;
  let ctx: BackendContext;
  let t: TofuDir | null = null;
  let endpoint = "";
  const env = { TF_ENCRYPTION: demoEncryptionJson() };

  beforeAll(async () => {
    endpoint = motoEndpoint();
    bucket = uniqueName("demo-enc");
    await createBucket(bucket, { versioning: "Enabled" });
    const options = testOptions({ bucket, key: KEY, use_lockfile: true });
    if (tofuAvailable()) {
      // Initialised before any state exists: init would otherwise want the providers the states name (offline here).
      t = await tofuDir({ endpoint, bucket, key: KEY });
      await t.write("", "");
      await t.tofu(["init", "-no-color"], env);
    }
    await seedEncryptedWorkspaces(new ToolWriter(openBackend({ name: uniqueName("seed"), options, source: "test" }), "tofu"));
    const def: BackendDefinition = { name: uniqueName("payments"), options, source: "test" };
    const encryption = await loadEncryptionSetup({ envVar: DEMO_ENCRYPTION_ENV, env: { [DEMO_ENCRYPTION_ENV]: demoEncryptionJson() }, cwd: "/" });
    if (encryption) def.encryption = encryption;
    ctx = openBackend(def);
  }, 240_000);

  it("every version of default is an envelope that Statehouse decrypts to the state it sealed", async () => {
    const plain = demoEncryptedStates();
    const { versions } = await listVersions(ctx, ENCRYPTED_WORKSPACE);
    expect(versions.length).toBe(plain.length);
    // Newest first in S3; oldest first in the seed.
    for (const [i, v] of [...versions].reverse().entries()) {
      const raw = JSON.parse(decoder.decode((await readStateObject(ctx, ENCRYPTED_WORKSPACE, v.versionId)).bytes)) as Record<string, unknown>;
      expect(raw).toMatchObject({ encryption_version: "v0", serial: plain[i]!.serial, lineage: plain[i]!.lineage });
      expect(Object.keys(raw.meta as object)).toEqual(["key_provider.pbkdf2.main"]);
      const loaded = await loadState(ctx, ENCRYPTED_WORKSPACE, v.versionId);
      if (loaded.result.kind !== "state") throw new Error(`version ${i} read as ${loaded.result.kind}`);
      expect(loaded.result.encryption).toEqual({ method: "method.aes_gcm.main", keyProviders: ["key_provider.pbkdf2.main"], fallback: false, encryptionVersion: "v0" });
      expect(loaded.result.state.serial).toBe(BigInt(plain[i]!.serial as number));
      expect(Object.keys(loaded.result.state.outputs)).toEqual(Object.keys(plain[i]!.outputs as object));
    }
  });

  it("archive (a retired passphrase) is refused with DECRYPTION_FAILED; its Versions row says so instead of failing the page", async () => {
    const err = await loadState(ctx, UNDECRYPTABLE_WORKSPACE).catch((e: unknown) => e);
    expect(isStatehouseError(err) && err.code).toBe("DECRYPTION_FAILED");
    expect(JSON.stringify((err as { toPayload(): unknown }).toPayload())).not.toContain(demoEncryptionJson());
    const [v] = (await listVersions(ctx, UNDECRYPTABLE_WORKSPACE)).versions;
    const [summary] = await versionSummaries(ctx, UNDECRYPTABLE_WORKSPACE, [{ versionId: v!.versionId, isDeleteMarker: false, predecessorId: null, size: v!.size }]);
    expect(summary).toMatchObject({ kind: "encrypted", serial: 1n, encryption: { decrypted: false, problem: "DECRYPTION_FAILED", keyProviders: ["key_provider.pbkdf2.main"] } });
  });

  it("a restore of a version this server cannot decrypt is refused with the same code, and writes nothing", async () => {
    const lockKey = `${stateKey(ctx.def.options, UNDECRYPTABLE_WORKSPACE)}.tflock`;
    const lockHistory = async () => {
      const r = await rawClients().s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: lockKey }));
      return [...(r.Versions ?? []), ...(r.DeleteMarkers ?? [])].map((v) => v.VersionId).sort();
    };
    const before = (await listVersions(ctx, UNDECRYPTABLE_WORKSPACE)).versions;
    const locksBefore = await lockHistory();
    const err = await restoreVersion(ctx, { workspace: UNDECRYPTABLE_WORKSPACE, versionId: before[0]!.versionId, who: "test@statehouse" }).catch((e: unknown) => e);
    expect(isStatehouseError(err) && err.code).toBe("DECRYPTION_FAILED");
    expect((await listVersions(ctx, UNDECRYPTABLE_WORKSPACE)).versions.map((v) => v.versionId)).toEqual(before.map((v) => v.versionId));
    // Refused before the lock (a version is decrypted first): not even a lock file was written.
    expect(await lockHistory()).toEqual(locksBefore);
  });

  it.skipIf(!tofuAvailable())("real tofu reads these envelopes: state pull and output -json match what Statehouse decrypts", async () => {
    const pulled = JSON.parse((await t!.tofu(["state", "pull"], env)).stdout) as Record<string, unknown>;
    const loaded = await loadState(ctx, ENCRYPTED_WORKSPACE);
    if (loaded.result.kind !== "state") throw new Error(`read as ${loaded.result.kind}`);
    const newest = demoEncryptedStates().at(-1)!;
    expect(pulled).toMatchObject({ serial: newest.serial, lineage: newest.lineage, outputs: newest.outputs });
    expect((pulled.resources as unknown[]).length).toBe((newest.resources as unknown[]).length);
    const outputs = await t!.tofu(["output", "-json"], env);
    const opened = await openStateBytes(ctx, (await readStateObject(ctx, ENCRYPTED_WORKSPACE)).bytes);
    expect(outputs.stdout).toBe(terraformOutputJson(loaded.result.state, opened.bytes));
  }, 120_000);

  it.skipIf(!tofuAvailable())("real tofu refuses archive too (it was sealed under another passphrase)", async () => {
    await expect(t!.tofu(["state", "pull"], { ...env, TF_WORKSPACE: UNDECRYPTABLE_WORKSPACE })).rejects.toThrow(/decrypt/i);
  }, 120_000);

  it.skipIf(!tofuAvailable())("the Outputs tab's remote_state snippet, pasted into a consumer, makes real tofu read the encrypted producer", async () => {
    // The producer's backend as its own configuration reaches moto (tofu's checks of the account skipped there).
    const def = { ...ctx.def, options: { ...ctx.def.options, skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true } };
    const snippet = remoteStateSnippetFor(def, ENCRYPTED_WORKSPACE, "payments");
    expect(snippet).toContain('remote_state_data_source "payments"');
    expect(snippet).not.toContain(DEMO_PASSPHRASE);
    const consumer = await tofuDir({ endpoint, bucket, key: "consumer/terraform.tfstate" });
    const body = `${snippet}\noutput "producer_region" {\n  value = data.terraform_remote_state.payments.outputs.region\n}\n`;
    await consumer.write("", body);
    const cenv = { TF_VAR_payments_main_passphrase: DEMO_PASSPHRASE };
    await consumer.tofu(["init", "-no-color"], cenv);
    await consumer.tofu(["apply", "-auto-approve", "-no-color"], cenv);
    const region = (demoEncryptedStates().at(-1)!.outputs as Record<string, { value: string }>).region!.value;
    expect((await consumer.tofu(["output", "-raw", "producer_region"], cenv)).stdout).toBe(region);
    // Without the snippet's encryption block tofu cannot read the producer: the block is what makes it work.
    const bare = await tofuDir({ endpoint, bucket, key: "consumer-bare/terraform.tfstate" });
    await bare.write("", body.slice(body.indexOf('data "terraform_remote_state"')));
    await bare.tofu(["init", "-no-color"]);
    await expect(bare.tofu(["apply", "-auto-approve", "-no-color"])).rejects.toThrow(/encrypt|remote state/i);
  }, 180_000);
});
