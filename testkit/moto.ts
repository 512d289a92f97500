/**
 * Helpers for tests and the demo against a local moto server (scripts/with-moto.sh sets MOTO_ENDPOINT).
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { BackendDefinition, S3BackendOptions } from "@/lib/config/types";

export const TEST_REGION = "us-east-1";
const TEST_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

export function motoEndpoint(): string {
  const endpoint = process.env.MOTO_ENDPOINT;
  if (!endpoint) throw new Error("MOTO_ENDPOINT is not set: run under scripts/with-moto.sh (e.g. scripts/with-moto.sh npx vitest run test/aws).");
  return endpoint;
}

/** S3 + DynamoDB names unique per call: test files run in parallel against one moto server. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`.toLowerCase();
}

/** Backend options pointing at moto, with static credentials and path-style S3. */
export function testOptions(partial: Partial<S3BackendOptions> & Pick<S3BackendOptions, "bucket">, endpoint = motoEndpoint()): S3BackendOptions {
  return {
    key: "terraform.tfstate",
    workspace_key_prefix: "env:",
    region: TEST_REGION,
    access_key: TEST_CREDENTIALS.accessKeyId,
    secret_key: TEST_CREDENTIALS.secretAccessKey,
    use_path_style: true,
    max_retries: 1,
    ...partial,
    endpoints: { s3: endpoint, dynamodb: endpoint, sts: endpoint, ...partial.endpoints },
  };
}

export function testDefinition(name: string, options: S3BackendOptions): BackendDefinition {
  return { name, options, source: "test" };
}

const raw = new Map<string, { s3: S3Client; ddb: DynamoDBClient }>();

/** Raw clients for seeding, independent of lib/aws (so tests do not rely on what they test). */
export function rawClients(endpoint = motoEndpoint()): { s3: S3Client; ddb: DynamoDBClient } {
  let clients = raw.get(endpoint);
  if (!clients) {
    const common = { region: TEST_REGION, endpoint, credentials: TEST_CREDENTIALS };
    clients = { s3: new S3Client({ ...common, forcePathStyle: true }), ddb: new DynamoDBClient(common) };
    raw.set(endpoint, clients);
  }
  return clients;
}

export async function createBucket(name: string, opts: { versioning?: "Enabled" | "Suspended" } = {}, endpoint = motoEndpoint()): Promise<void> {
  const { s3 } = rawClients(endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  if (opts.versioning) await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: opts.versioning } }));
}

/** A lock table as the backend documents it: partition key LockID (S). */
export async function createLockTable(name: string, endpoint = motoEndpoint()): Promise<void> {
  const { ddb } = rawClients(endpoint);
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: "LockID", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "LockID", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
}

/**
 * Moves the local moto server's clock (the time it stamps S3 versions with) by `seconds`, for
 * objects written to `buckets` only; 0 puts it back. Test-only: the product's clock is never
 * touched, and other tests' buckets (one moto serves a whole run) never see the moved clock.
 */
export function setMotoClockOffset(seconds: number, buckets: readonly string[] = []): void {
  const file = process.env.MOTO_CLOCK_FILE;
  if (!file) throw new Error("MOTO_CLOCK_FILE is not set: run under scripts/with-moto.sh.");
  writeFileSync(file, [String(seconds), ...buckets].join(" "));
}
