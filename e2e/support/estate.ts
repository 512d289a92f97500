/**
 * The demo estate's backends as the e2e specs drive and inspect them: a ToolWriter to create a
 * fresh workspace (history, locks, digests) per test, and reads straight from moto with raw
 * clients, so what a spec asserts about S3 and DynamoDB does not go through the code under test.
 */
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, HeadObjectCommand, ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { digestIdFor, lockIdFor, lockKeyFor, stateKey } from "@/lib/backend/keys";
import { parseState } from "@/lib/state/parse";
import type { ParsedState } from "@/lib/state/types";
import type { S3BackendOptions } from "@/lib/config/types";
import { rawClients } from "@/testkit/moto";
import { buildState, lineageFor } from "@/testkit/states";
import { ToolWriter, type WriteResult } from "@/testkit/tool-writer";
import { estateContext, sensitiveStrings } from "./estate-truth";

export type DemoBackendName = "prod-network" | "platform" | "data-teams";

export interface DemoBackend {
  name: DemoBackendName;
  options: S3BackendOptions;
  writer: ToolWriter;
}

export function demoBackend(name: DemoBackendName): DemoBackend {
  const ctx = estateContext(name);
  return { name, options: ctx.def.options, writer: new ToolWriter(ctx) };
}

/** `generations` applies of one configuration (serials 1…n), as a run history leaves them. */
export async function writeHistory(b: DemoBackend, workspace: string, seed: number, generations: number): Promise<WriteResult[]> {
  const written: WriteResult[] = [];
  for (let gen = 0; gen < generations; gen++) written.push(await b.writer.apply(workspace, buildState({ seed, generation: gen, lineage: lineageFor(seed) })));
  return written;
}

/** The current state object (bytes, version) and the digest item, read consistently. */
export async function currentState(b: DemoBackend, workspace: string): Promise<{ bytes: Uint8Array; versionId: string; digest: string | undefined }> {
  const { s3, ddb } = rawClients();
  const key = stateKey(b.options, workspace);
  const obj = await s3.send(new GetObjectCommand({ Bucket: b.options.bucket, Key: key }));
  const digest = b.options.dynamodb_table
    ? await ddb.send(new GetItemCommand({ TableName: b.options.dynamodb_table, Key: { LockID: { S: digestIdFor(b.options.bucket, key) } }, ConsistentRead: true }))
    : undefined;
  return { bytes: await obj.Body!.transformToByteArray(), versionId: obj.VersionId!, digest: digest?.Item?.Digest?.S };
}

/** How many versions (delete markers included) the workspace's state object has. */
export async function versionCount(b: DemoBackend, workspace: string): Promise<number> {
  const { s3 } = rawClients();
  const key = stateKey(b.options, workspace);
  let count = 0;
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  do {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: b.options.bucket, Prefix: key, KeyMarker: keyMarker, VersionIdMarker: versionMarker }));
    count += [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].filter((v) => v.Key === key).length;
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  return count;
}

/** Which locks are held on the workspace: the DynamoDB item and the `.tflock` object. */
export async function locksHeld(b: DemoBackend, workspace: string): Promise<{ dynamodb: boolean; s3: boolean }> {
  const { s3, ddb } = rawClients();
  const key = stateKey(b.options, workspace);
  const item = b.options.dynamodb_table
    ? await ddb.send(new GetItemCommand({ TableName: b.options.dynamodb_table, Key: { LockID: { S: lockIdFor(b.options.bucket, key) } }, ConsistentRead: true }))
    : undefined;
  const file = await s3.send(new HeadObjectCommand({ Bucket: b.options.bucket, Key: lockKeyFor(key) })).then(
    () => true,
    () => false,
  );
  return { dynamodb: item?.Item !== undefined, s3: file };
}

function parsed(bytes: Uint8Array): ParsedState {
  const r = parseState(bytes);
  if (r.kind !== "state") throw new Error(`not a state: ${r.kind}`);
  return r.state;
}

/** The plaintext secrets of state bytes: what a viewer must never receive. */
export function secretsOf(bytes: Uint8Array): string[] {
  return sensitiveStrings(parsed(bytes));
}

/** The value of a buildState() state's sensitive `api_key` output. */
export function apiKeyOf(bytes: Uint8Array): string {
  const value = parsed(bytes).outputs.api_key?.value;
  if (typeof value !== "string") throw new Error("the state has no api_key output");
  return value;
}
