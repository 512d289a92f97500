/**
 * The demo estate: a few backends as a real organisation has them, with history, locks and the
 * problems Statehouse is for (a lock left by a crashed CI run, a deleted workspace, a digest
 * mismatch). Idempotent: a marker object records that the estate was seeded.
 */
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { openBackend } from "@/lib/backend/context";
import type { S3BackendOptions } from "@/lib/config/types";
import { createBucket, createLockTable, rawClients, testOptions } from "./moto";
import { buildState, lineageFor } from "./states";
import { ToolWriter, type ToolFlavour } from "./tool-writer";

export interface EstateBackend {
  name: string;
  description: string;
  options: S3BackendOptions;
}

const MARKER = ".statehouse-demo-seeded";
const LOCK_TABLE = "acme-terraform-locks";
const HOUR = 3600_000;

export function estateBackends(endpoint: string): EstateBackend[] {
  return [
    {
      name: "prod-network",
      description: "Production network (Terraform, DynamoDB locking)",
      options: testOptions({ bucket: "acme-prod-network", key: "network/terraform.tfstate", dynamodb_table: LOCK_TABLE, encrypt: true }, endpoint),
    },
    {
      name: "platform",
      description: "Platform services (OpenTofu, S3 lock files)",
      options: testOptions({ bucket: "acme-platform-state", key: "platform/app.tfstate", use_lockfile: true }, endpoint),
    },
    {
      name: "legacy-tools",
      description: "Legacy tooling (no bucket versioning, no locking: what Statehouse warns about)",
      options: testOptions({ bucket: "acme-legacy-tools", key: "tools/terraform.tfstate" }, endpoint),
    },
    {
      name: "data-teams",
      description: "Data teams (custom workspace_key_prefix, both lock kinds)",
      options: testOptions({ bucket: "acme-prod-network", key: "data/warehouse.tfstate", workspace_key_prefix: "teams", dynamodb_table: LOCK_TABLE, use_lockfile: true }, endpoint),
    },
  ];
}

function writerFor(b: EstateBackend, flavour: ToolFlavour): ToolWriter {
  return new ToolWriter(openBackend({ name: b.name, options: b.options, source: "estate" }), flavour);
}

async function applyHistory(w: ToolWriter, workspace: string, seed: number, versions: number, opts: { tofu?: boolean; webServers?: number } = {}): Promise<void> {
  const lineage = lineageFor(seed);
  for (let gen = 0; gen < versions; gen++) {
    const state = buildState({ seed, generation: gen, lineage, terraformVersion: opts.tofu ? "1.9.1" : "1.10.3", webServers: opts.webServers });
    await w.apply(workspace, state, { who: gen % 3 === 0 ? "alice@laptop" : "ci@runner-7", version: opts.tofu ? "1.9.1" : "1.10.3" });
  }
}

function ignoreExisting(e: unknown): void {
  const name = (e as { name?: string }).name;
  if (name !== "BucketAlreadyOwnedByYou" && name !== "BucketAlreadyExists" && name !== "ResourceInUseException") throw e;
}

/** Seeds the estate on the moto (or other S3) endpoint unless already there; returns the backends. */
export async function seedEstate(endpoint: string): Promise<EstateBackend[]> {
  const backends = estateBackends(endpoint);
  const [network, platform, legacy, data] = backends as [EstateBackend, EstateBackend, EstateBackend, EstateBackend];
  const { s3 } = rawClients(endpoint);
  const seeded = await s3.send(new HeadObjectCommand({ Bucket: network.options.bucket, Key: MARKER })).then(
    () => true,
    () => false,
  );
  if (seeded) return backends;

  // A run interrupted before the marker was written left these behind: reuse them.
  await createBucket(network.options.bucket, { versioning: "Enabled" }, endpoint).catch(ignoreExisting);
  await createBucket(platform.options.bucket, { versioning: "Enabled" }, endpoint).catch(ignoreExisting);
  await createBucket(legacy.options.bucket, {}, endpoint).catch(ignoreExisting);
  await createLockTable(LOCK_TABLE, endpoint).catch(ignoreExisting);

  // prod-network: a long history on default, several workspaces, a crashed run's lock, a digest mismatch.
  const tf = writerFor(network, "terraform");
  await applyHistory(tf, "default", 11, 12, { webServers: 40 });
  await applyHistory(tf, "staging", 12, 4);
  await applyHistory(tf, "prod-eu", 13, 3);
  await applyHistory(tf, "prod-us", 14, 3);
  await tf.lock("prod-us", { who: "gitlab-ci@runner-42", operation: "OperationTypeApply", now: new Date(Date.now() - 72 * HOUR) });
  await tf.corruptDigest("prod-eu");
  await applyHistory(tf, "sandbox", 15, 2);
  await tf.deleteWorkspace("sandbox");

  // platform: OpenTofu with lock files, a run in progress, files that are not states under the prefix.
  const tofu = writerFor(platform, "tofu");
  await applyHistory(tofu, "default", 21, 3, { tofu: true });
  for (const [i, ws] of ["dev", "qa", "feature-login"].entries()) await applyHistory(tofu, ws, 22 + i, 2 + i, { tofu: true });
  await tofu.lock("qa", { who: "bob@workstation", operation: "OperationTypePlan", version: "1.9.1", now: new Date(Date.now() - 2 * 60_000) });
  for (const [key, body] of [
    ["env:/README.md", "State for the platform team. Managed by OpenTofu.\n"],
    ["env:/dev/plan.out", "not a state"],
    ["env:/dev/platform/app.tfstate.backup", "{}"],
    ["platform/notes.txt", "hello"],
  ] as const) {
    await s3.send(new PutObjectCommand({ Bucket: platform.options.bucket, Key: key, Body: body }));
  }

  // legacy-tools: versioning was never enabled and nothing locks the state: each apply overwrites the last.
  const legacyWriter = writerFor(legacy, "terraform");
  await applyHistory(legacyWriter, "default", 41, 3);
  await applyHistory(legacyWriter, "ops", 42, 2);

  // data-teams: a custom prefix sharing the network bucket and lock table.
  const teams = writerFor(data, "terraform");
  await applyHistory(teams, "analytics", 31, 3);
  await applyHistory(teams, "ml", 32, 2);

  await s3.send(new PutObjectCommand({ Bucket: network.options.bucket, Key: MARKER, Body: new Date().toISOString() }));
  return backends;
}
