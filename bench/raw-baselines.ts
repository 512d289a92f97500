/**
 * The least work that gives the same answers, written straight against the AWS SDK with the
 * testkit's own clients: what Statehouse's figures are compared with.
 */
import { BatchGetItemCommand, type BatchGetItemCommandOutput, type KeysAndAttributes } from "@aws-sdk/client-dynamodb";
import { ListObjectsV2Command, ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import type { BackendDefinition } from "@/lib/config/types";
import { mapLimit } from "@/lib/util/map-limit";
import { rawClients } from "@/testkit/moto";

const listPrefix = (def: BackendDefinition) => `${def.options.workspace_key_prefix ?? "env:"}/`;

/** ListObjectsV2 over the prefix, every page: the state keys found (the default key first). */
export async function rawStateKeys(def: BackendDefinition, endpoint: string): Promise<string[]> {
  const { s3 } = rawClients(endpoint);
  const { bucket, key } = def.options;
  const stateKeys = [key];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: listPrefix(def), ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key?.endsWith(`/${key}`)) stateKeys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return stateKeys;
}

/** The lock items of the state keys, 100 a BatchGetItem, 4 in flight: how many are locked. */
async function rawLocks(def: BackendDefinition, endpoint: string, stateKeys: string[]): Promise<number> {
  const { ddb } = rawClients(endpoint);
  const { bucket, dynamodb_table: table } = def.options;
  const chunks: string[][] = [];
  for (let i = 0; i < stateKeys.length; i += 100) chunks.push(stateKeys.slice(i, i + 100));
  let locked = 0;
  await mapLimit(chunks, 4, async (chunk) => {
    let req: KeysAndAttributes | undefined = { Keys: chunk.map((k) => ({ LockID: { S: `${bucket}/${k}` } })), ConsistentRead: true };
    while (req?.Keys?.length) {
      const res: BatchGetItemCommandOutput = await ddb.send(new BatchGetItemCommand({ RequestItems: { [table!]: req } }));
      locked += res.Responses?.[table!]?.length ?? 0;
      req = res.UnprocessedKeys?.[table!];
    }
  });
  return locked;
}

/** raw (a): ListObjectsV2 over the prefix, every page; then the lock items of the state keys. */
export async function rawListingWithLocks(def: BackendDefinition, endpoint: string): Promise<number> {
  return rawLocks(def, endpoint, await rawStateKeys(def, endpoint));
}

/**
 * raw (c), deleted-workspace discovery: ListObjectVersions with Delimiter "/" over the prefix (one
 * CommonPrefix per folder), every page; then, 16 in flight, one MaxKeys=1 ListObjectVersions of the
 * state key of each folder the live listing has no state for. Returns how many are deleted.
 */
export async function rawDeletedDiscovery(def: BackendDefinition, endpoint: string, liveKeys: Promise<string[]>): Promise<number> {
  const { s3 } = rawClients(endpoint);
  const { bucket, key } = def.options;
  const folders: string[] = [];
  let keyMarker: string | undefined;
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: listPrefix(def), Delimiter: "/", KeyMarker: keyMarker }));
    for (const p of page.CommonPrefixes ?? []) if (p.Prefix) folders.push(p.Prefix);
    if (!page.IsTruncated) break;
    keyMarker = page.NextKeyMarker;
  }
  const live = new Set(await liveKeys);
  const candidates = folders.map((f) => f + key).filter((k) => !live.has(k));
  const deleted = await mapLimit(candidates, 16, async (k) => {
    const r = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: k, MaxKeys: 1 }));
    return r.DeleteMarkers?.some((m) => m.Key === k && m.IsLatest) ?? false;
  });
  return deleted.filter(Boolean).length;
}

/** raw (b), the same answer as listWorkspaces: raw (a), and alongside it raw (c). */
export async function rawListingWithLocksAndDeleted(def: BackendDefinition, endpoint: string): Promise<number> {
  const keys = rawStateKeys(def, endpoint);
  const [locked] = await Promise.all([keys.then((k) => rawLocks(def, endpoint, k)), rawDeletedDiscovery(def, endpoint, keys)]);
  return locked;
}

/** ListObjectVersions of one key, every page. */
export async function rawVersionListing(def: BackendDefinition, endpoint: string): Promise<number> {
  const { s3 } = rawClients(endpoint);
  const { bucket, key: prefix } = def.options;
  let n = 0;
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
    n += (page.Versions?.length ?? 0) + (page.DeleteMarkers?.length ?? 0);
    if (!page.IsTruncated) return n;
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
  }
}
