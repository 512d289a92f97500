/** Shared set-up for the safe-write tests: a fresh versioned bucket (+ lock table) per backend. */
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { digestIdFor, stateKey } from "@/lib/backend/keys";
import type { S3BackendOptions } from "@/lib/config/types";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { buildState, lineageFor } from "@/testkit/states";
import { ToolWriter, type ToolFlavour } from "@/testkit/tool-writer";

export type Locking = "dynamodb" | "s3" | "both" | "none";

export interface TestBackend {
  ctx: BackendContext;
  writer: ToolWriter;
  bucket: string;
  table: string | undefined;
  options: S3BackendOptions;
}

/** A backend on moto with its own bucket (versioned) and lock table; `endpoint` may be a fault proxy. */
export async function newBackend(locking: Locking, opts: { endpoint?: string; flavour?: ToolFlavour; extra?: Partial<S3BackendOptions> } = {}): Promise<TestBackend> {
  const bucket = uniqueName("sw");
  await createBucket(bucket, { versioning: "Enabled" });
  const table = locking === "dynamodb" || locking === "both" ? uniqueName("locks") : undefined;
  if (table) await createLockTable(table);
  const options = testOptions(
    {
      bucket,
      ...(table ? { dynamodb_table: table } : {}),
      ...(locking === "s3" || locking === "both" ? { use_lockfile: true } : {}),
      ...opts.extra,
    },
    opts.endpoint,
  );
  const ctx = openBackend(testDefinition(uniqueName("be"), options));
  return { ctx, writer: new ToolWriter(ctx, opts.flavour ?? "terraform"), bucket, table, options };
}

/** A state of the seeded series; `generation` gives real differences between versions. */
export function stateOf(seed: number, serial: number, generation = serial): Record<string, unknown> {
  return buildState({ seed, serial, generation, lineage: lineageFor(seed) });
}

export function md5(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** The current object read directly (not through lib/), with its metadata. */
export async function rawCurrent(b: TestBackend, workspace: string): Promise<{ bytes: Uint8Array; versionId: string; metadata: Record<string, string> } | null> {
  const key = stateKey(b.options, workspace);
  try {
    await rawClients().s3.send(new HeadObjectCommand({ Bucket: b.bucket, Key: key }));
  } catch {
    return null;
  }
  const res = await rawClients().s3.send(new GetObjectCommand({ Bucket: b.bucket, Key: key }));
  return { bytes: await res.Body!.transformToByteArray(), versionId: res.VersionId ?? "null", metadata: res.Metadata ?? {} };
}

export async function rawDigest(b: TestBackend, workspace: string): Promise<string | null> {
  if (!b.table) return null;
  const res = await rawClients().ddb.send(
    new GetItemCommand({ TableName: b.table, Key: { LockID: { S: digestIdFor(b.bucket, stateKey(b.options, workspace)) } }, ConsistentRead: true }),
  );
  return res.Item?.Digest?.S ?? null;
}

/** The bytes with the top-level serial number replaced by "#": compares everything but the serial. */
export function withoutSerial(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes).replace(/("serial"\s*:\s*)\d+/, "$1#");
}
