/**
 * The demo estate: a few backends as a real organisation has them, with history, locks and the
 * problems Statehouse is for (a lock left by a crashed CI run, a deleted workspace, a digest
 * mismatch). Idempotent: a marker object records that the estate was seeded.
 */
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { encodeLockInfo, newLockInfo } from "@/lib/gocompat/lockinfo";
import { mapLimit } from "@/lib/util/map-limit";
import { openBackend } from "@/lib/backend/context";
import type { S3BackendOptions } from "@/lib/config/types";
import { createBucket, createLockTable, rawClients, setMotoClockOffset, testOptions } from "./moto";
import { buildState, lineageFor } from "./states";
import { ToolWriter, type ToolFlavour } from "./tool-writer";
import { DEMO_ENCRYPTION_ENV, seedEncryptedWorkspaces } from "./encrypted-estate";

export interface EstateBackend {
  name: string;
  description: string;
  options: S3BackendOptions;
  /** The Statehouse config's `encryption` entry (names of places holding the settings, never a passphrase). */
  encryptionEntry?: { env: string };
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
    {
      name: "fleet",
      description: "Application fleet: one workspace per service and region, a few of each problem Statehouse finds",
      options: testOptions({ bucket: "acme-fleet-state", key: "service/terraform.tfstate", dynamodb_table: LOCK_TABLE, use_lockfile: true }, endpoint),
    },
    {
      name: "payments",
      description: "Payments (OpenTofu state encryption: pbkdf2 + aes_gcm, passphrase from the environment)",
      options: testOptions({ bucket: "acme-payments-state", key: "payments/terraform.tfstate", use_lockfile: true }, endpoint),
      encryptionEntry: { env: DEMO_ENCRYPTION_ENV },
    },
  ];
}

function writerFor(b: EstateBackend, flavour: ToolFlavour): ToolWriter {
  return new ToolWriter(openBackend({ name: b.name, options: b.options, source: "estate" }), flavour);
}

/** `spreadDays`: the versions are stamped evenly over that many past days (moto's clock moved; not possible against real S3). */
async function applyHistory(
  w: ToolWriter,
  workspace: string,
  seed: number,
  versions: number,
  opts: { tofu?: boolean; webServers?: number; spreadDays?: number; reads?: Record<string, Json>[] } = {},
): Promise<void> {
  const lineage = lineageFor(seed);
  const spread = opts.spreadDays && process.env.MOTO_CLOCK_FILE ? opts.spreadDays : 0;
  try {
    for (let gen = 0; gen < versions; gen++) {
      if (spread) setMotoClockOffset(-Math.round(spread * 86400 * (1 - (gen + 1) / versions)), [w.ctx.def.options.bucket]);
      const state = buildState({ seed, generation: gen, lineage, terraformVersion: opts.tofu ? "1.9.1" : "1.10.3", webServers: opts.webServers });
      if (opts.reads) (state.resources as Json[]).push(...opts.reads);
      await w.apply(workspace, state, { who: gen % 3 === 0 ? "alice@laptop" : "ci@runner-7", version: opts.tofu ? "1.9.1" : "1.10.3" });
    }
  } finally {
    if (spread) setMotoClockOffset(0);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A `data "terraform_remote_state"` as a consumer's state records it (shared DESIGN notes). */
function remoteState(name: string, producer: EstateBackend, workspace: string | null): Record<string, Json> {
  const config: Record<string, Json> = { bucket: producer.options.bucket, key: producer.options.key, region: producer.options.region ?? "us-east-1" };
  if (producer.options.workspace_key_prefix !== "env:") config.workspace_key_prefix = producer.options.workspace_key_prefix;
  return {
    mode: "data",
    type: "terraform_remote_state",
    name,
    provider: 'provider["terraform.io/builtin/terraform"]',
    instances: [{ schema_version: 0, attributes: { backend: "s3", config: { value: config, type: ["object", Object.fromEntries(Object.keys(config).map((k) => [k, "string"]))] }, defaults: null, outputs: { value: {}, type: ["object", {}] }, workspace }, sensitive_attributes: [] }],
  };
}

function ignoreExisting(e: unknown): void {
  const name = (e as { name?: string }).name;
  if (name !== "BucketAlreadyOwnedByYou" && name !== "BucketAlreadyExists" && name !== "ResourceInUseException") throw e;
}

/** Seeds the estate on the moto (or other S3) endpoint unless already there; returns the backends. */
export async function seedEstate(endpoint: string): Promise<EstateBackend[]> {
  const backends = estateBackends(endpoint);
  const [network, platform, legacy, data, fleet, payments] = backends as [EstateBackend, EstateBackend, EstateBackend, EstateBackend, EstateBackend, EstateBackend];
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
  await createBucket(fleet.options.bucket, { versioning: "Enabled" }, endpoint).catch(ignoreExisting);
  await createLockTable(LOCK_TABLE, endpoint).catch(ignoreExisting);

  // prod-network: a long history on default, several workspaces, a crashed run's lock, a digest mismatch.
  const tf = writerFor(network, "terraform");
  await applyHistory(tf, "default", 11, 12, { webServers: 40, spreadDays: 42 });
  await applyHistory(tf, "staging", 12, 4);
  await applyHistory(tf, "prod-eu", 13, 3);
  await applyHistory(tf, "prod-us", 14, 3);
  await tf.lock("prod-us", { who: "gitlab-ci@runner-42", operation: "OperationTypeApply", now: new Date(Date.now() - 72 * HOUR) });
  await tf.corruptDigest("prod-eu");
  await applyHistory(tf, "sandbox", 15, 2);
  await tf.deleteWorkspace("sandbox");

  // platform: OpenTofu with lock files, a run in progress, files that are not states under the prefix.
  const tofu = writerFor(platform, "tofu");
  // platform/default reads the network, and data-teams/analytics reads the platform back: a cycle to show.
  await applyHistory(tofu, "default", 21, 3, { tofu: true, spreadDays: 14, reads: [remoteState("network", network, null), remoteState("analytics", data, "analytics")] });
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
  // analytics also reads the deleted sandbox: a dangling reference.
  await applyHistory(teams, "analytics", 31, 3, { spreadDays: 21, reads: [remoteState("platform", platform, null), remoteState("sandbox", network, "sandbox"), remoteState("staging", network, "staging")] });
  await applyHistory(teams, "ml", 32, 2);

  await seedFleet(fleet, endpoint);

  // payments: OpenTofu-encrypted states (testkit/encrypted-estate.ts).
  await createBucket(payments.options.bucket, { versioning: "Enabled" }, endpoint).catch(ignoreExisting);
  await seedEncryptedWorkspaces(writerFor(payments, "tofu"));

  await s3.send(new PutObjectCommand({ Bucket: network.options.bucket, Key: MARKER, Body: new Date().toISOString() }));
  return backends;
}

const FLEET_SERVICES = ["api", "auth", "billing", "cart", "catalog", "checkout", "email", "events", "feed", "gateway", "inventory", "media", "notify", "orders", "payments", "pricing", "profile", "reviews", "search", "shipping"];
const FLEET_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-south-1"];
const FLEET_STAGES = ["prod", "staging", "dev"];

/** The fleet's workspace names: service-region-stage, 300 of them. */
export function fleetWorkspaces(): string[] {
  return FLEET_SERVICES.flatMap((s) => FLEET_REGIONS.flatMap((r) => FLEET_STAGES.map((st) => `${s}-${r}-${st}`)));
}

/**
 * A few hundred small states written 16 at a time (one PutObject and one digest PutItem each, so
 * seeding stays a matter of seconds), then a few of each problem: abandoned locks, orphaned lock
 * items and lock files, digest mismatches, deleted and unreadable states, lineage changes, old tool versions.
 */
async function seedFleet(fleet: EstateBackend, endpoint: string): Promise<void> {
  const w = writerFor(fleet, "terraform");
  const names = fleetWorkspaces();
  await mapLimit(names, 16, (ws, i) =>
    w.putState(ws, buildState({ seed: 1000 + i, lineage: lineageFor(1000 + i), webServers: 1 + (i % 3), terraformVersion: i % 97 === 5 ? "0.15.5" : "1.10.3" })),
  );
  const { s3, ddb } = rawClients(endpoint);
  const o = fleet.options;
  for (const [i, ws] of ["payments-eu-west-1-prod", "orders-us-east-1-prod", "search-ap-south-1-staging"].entries()) {
    await w.lock(ws, { who: `jenkins@agent-${i + 3}`, operation: i === 2 ? "state-mv" : "OperationTypeApply", now: new Date(Date.now() - (6 + 30 * i) * HOUR) });
  }
  await w.lock("cart-us-west-2-dev", { who: "dana@laptop", operation: "OperationTypePlan", now: new Date(Date.now() - 3 * 60_000) });
  for (const ws of ["billing-eu-central-1-prod", "media-us-east-1-dev"]) await w.corruptDigest(ws);
  for (const ws of ["legacy-batch", "old-reports"]) {
    await w.putState(ws, buildState({ seed: 77, webServers: 1 }));
    await w.deleteWorkspace(ws);
  }
  // Orphans: lock items and a lock file of workspaces that are gone or were never under this prefix.
  for (const key of ["env:/decommissioned-svc/service/terraform.tfstate", "old-layout/service.tfstate"]) {
    const info = encodeLockInfo(newLockInfo({ operation: "OperationTypeApply", who: "ci@retired-runner", version: "1.3.9", path: `${o.bucket}/${key}`, now: new Date(Date.now() - 40 * 24 * HOUR) }));
    await ddb.send(new PutItemCommand({ TableName: o.dynamodb_table!, Item: { LockID: { S: `${o.bucket}/${key}` }, Info: { S: info } } }));
  }
  const ghost = "env:/ghost-svc/service/terraform.tfstate";
  await s3.send(new PutObjectCommand({ Bucket: o.bucket, Key: `${ghost}.tflock`, Body: encodeLockInfo(newLockInfo({ operation: "OperationTypeApply", who: "ci@runner-1", version: "1.10.3", path: `${o.bucket}/${ghost}`, now: new Date(Date.now() - 9 * 24 * HOUR) })) }));
  await s3.send(new PutObjectCommand({ Bucket: o.bucket, Key: "env:/inventory-half-written/service/terraform.tfstate", Body: '{"version": 4, "serial": 3, "lineage": "' }));
  await s3.send(new PutObjectCommand({ Bucket: o.bucket, Key: "env:/next-gen/service/terraform.tfstate", Body: '{"version": 5, "serial": 1}' }));
  // Someone pushed another configuration's state over these.
  for (const [i, ws] of ["feed-eu-west-1-staging", "notify-us-west-2-prod"].entries()) await w.putState(ws, buildState({ seed: 5000 + i, lineage: lineageFor(5000 + i) }));
}
