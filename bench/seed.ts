/**
 * Seeds the scenario into the local S3 + DynamoDB at $MOTO_ENDPOINT: written as the tools write it
 * (testkit's ToolWriter), in parallel with a bound. Versions of one key are written one after the
 * other: moto loses versions when one key is written concurrently.
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { openBackend } from "@/lib/backend/context";
import type { BackendDefinition } from "@/lib/config/types";
import { mapLimit } from "@/lib/util/map-limit";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { SCENARIO, type GeneratedData } from "./scenario";

const UPLOAD_PARALLEL = 16;

export interface BenchBackends {
  listing: BackendDefinition;
  versions: BackendDefinition;
  big: BackendDefinition;
  /** The workspace holding the long history, and the one holding the 30 MB pair. */
  historyWorkspace: string;
  bigWorkspace: string;
}

export function benchBackends(endpoint: string): BenchBackends {
  return {
    listing: testDefinition("bench-listing", testOptions({ bucket: "bench-listing", dynamodb_table: "bench-locks" }, endpoint)),
    versions: testDefinition("bench-versions", testOptions({ bucket: "bench-versions", key: "history/terraform.tfstate" }, endpoint)),
    big: testDefinition("bench-big", testOptions({ bucket: "bench-big", key: "big/terraform.tfstate" }, endpoint)),
    historyWorkspace: "default",
    bigWorkspace: "default",
  };
}

export async function seedListing(b: BenchBackends, endpoint: string, data: GeneratedData): Promise<void> {
  await Promise.all([createBucket(b.listing.options.bucket, { versioning: "Enabled" }, endpoint), createLockTable(b.listing.options.dynamodb_table!, endpoint)]);
  const listing = new ToolWriter(openBackend(b.listing));
  const locked = new Set(data.locked);
  const deleted = new Set(data.deleted);
  await mapLimit(["default", ...data.names], UPLOAD_PARALLEL, async (ws) => {
    await listing.putState(ws, data.smallState);
    if (deleted.has(ws)) await listing.deleteWorkspace(ws);
    if (locked.has(ws)) await listing.lock(ws, { who: "ci@runner-9", operation: "OperationTypeApply" });
  });
  const { s3 } = rawClients(endpoint);
  await mapLimit(data.unrelatedKeys, UPLOAD_PARALLEL, (Key) => s3.send(new PutObjectCommand({ Bucket: b.listing.options.bucket, Key, Body: "not a state\n" })));
}

export async function seedHistory(b: BenchBackends, endpoint: string): Promise<void> {
  await createBucket(b.versions.options.bucket, { versioning: "Enabled" }, endpoint);
  const history = new ToolWriter(openBackend(b.versions));
  for (let serial = 1; serial <= SCENARIO.versions; serial++) {
    await history.putState(b.historyWorkspace, `{"version":4,"terraform_version":"1.10.3","serial":${serial},"lineage":"bench","outputs":{},"resources":[],"check_results":null}\n`);
  }
}

export async function seedBig(b: BenchBackends, endpoint: string, data: GeneratedData): Promise<void> {
  await createBucket(b.big.options.bucket, { versioning: "Enabled" }, endpoint);
  const big = new ToolWriter(openBackend(b.big));
  await big.putState(b.bigWorkspace, data.bigA);
  await big.putState(b.bigWorkspace, data.bigB);
}

/** The parts of the scenario a run can seed; the history (5,000 sequential versions) is by far the slowest. */
export type SeedPart = "listing" | "history" | "big";

export async function seed(endpoint: string, data: GeneratedData, log: (m: string) => void, parts: readonly SeedPart[] = ["listing", "history", "big"]): Promise<BenchBackends> {
  const b = benchBackends(endpoint);
  const t0 = Date.now();
  await Promise.all([
    parts.includes("listing") && seedListing(b, endpoint, data).then(() => log(`seeded ${data.names.length + 1} workspaces + ${data.unrelatedKeys.length} other objects in ${Date.now() - t0} ms`)),
    parts.includes("history") && seedHistory(b, endpoint).then(() => log(`seeded ${SCENARIO.versions} versions of one state in ${Date.now() - t0} ms`)),
    parts.includes("big") && seedBig(b, endpoint, data),
  ]);
  log(`seeded everything in ${Date.now() - t0} ms`);
  return b;
}
