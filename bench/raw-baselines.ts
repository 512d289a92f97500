/**
 * The least work that gives the same answers, written straight against the AWS SDK with the
 * testkit's own clients: what Statehouse's figures are compared with.
 */
import { BatchGetItemCommand, type BatchGetItemCommandOutput, type KeysAndAttributes } from "@aws-sdk/client-dynamodb";
import { ListObjectsV2Command, ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import type { BackendDefinition } from "@/lib/config/types";
import { mapLimit } from "@/lib/util/map-limit";
import { rawClients } from "@/testkit/moto";

/** ListObjectsV2 over the prefix, every page; then the lock items of the state keys, 100 a BatchGetItem. */
export async function rawListingWithLocks(def: BackendDefinition, endpoint: string): Promise<number> {
  const { s3, ddb } = rawClients(endpoint);
  const { bucket, key, dynamodb_table: table } = def.options;
  const prefix = `${def.options.workspace_key_prefix ?? "env:"}/`;
  const stateKeys = [key];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key?.endsWith(`/${key}`)) stateKeys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
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

/**
 * The same answer including deleted workspaces: the above, and in parallel ListObjectVersions over
 * the prefix (the only way to see delete markers), every page.
 */
export async function rawListingWithLocksAndDeleted(def: BackendDefinition, endpoint: string): Promise<number> {
  const [locked] = await Promise.all([rawListingWithLocks(def, endpoint), rawVersionListing(def, endpoint, `${def.options.workspace_key_prefix ?? "env:"}/`)]);
  return locked;
}

/** ListObjectVersions of one key (or of a whole prefix), every page. */
export async function rawVersionListing(def: BackendDefinition, endpoint: string, prefix = def.options.key): Promise<number> {
  const { s3 } = rawClients(endpoint);
  const { bucket } = def.options;
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
