import "server-only";
/**
 * The backends Statehouse knows: the Statehouse config file, loaded once per process
 * (resolving Terraform dirs and HCL files is slow; the config changes with a redeploy),
 * and the opened backends by name.
 */
import { openBackend, type BackendContext } from "@/lib/backend/context";
import { unknownNameMessage } from "@/lib/config/did-you-mean";
import { loadStatehouseConfig } from "@/lib/config/statehouse-config";
import type { BackendDefinition, StatehouseConfig } from "@/lib/config/types";
import { NotFoundError } from "@/lib/errors";

export interface Catalog {
  config: StatehouseConfig;
  backends: readonly BackendDefinition[];
  byName: ReadonlyMap<string, BackendDefinition>;
}

let loading: Promise<Catalog> | null = null;

/** The loaded config; a failed load is not kept, so fixing the file does not need a restart. */
export function getCatalog(): Promise<Catalog> {
  loading ??= loadStatehouseConfig()
    .then((config) => ({ config, backends: config.backends, byName: new Map(config.backends.map((b) => [b.name, b])) }))
    .catch((err: unknown) => {
      loading = null;
      throw err;
    });
  return loading;
}

export async function listBackends(): Promise<readonly BackendDefinition[]> {
  return (await getCatalog()).backends;
}

export async function getBackendDefinition(name: string): Promise<BackendDefinition> {
  const { byName } = await getCatalog();
  const def = byName.get(name);
  if (!def) {
    const known = [...byName.keys()];
    throw new NotFoundError(`${unknownNameMessage("backend", name, known)}. Known backends: ${known.join(", ") || "(none configured)"}.`, { backend: name, known });
  }
  return def;
}

/** The opened backend (AWS clients cached per process); NotFoundError naming the known backends. */
export async function getBackendContext(name: string): Promise<BackendContext> {
  return openBackend(await getBackendDefinition(name));
}

export { openBackend, type BackendContext } from "@/lib/backend/context";
export { getVersioning } from "@/lib/backend/versions";
export type { VersioningState } from "@/lib/backend/types";
export * from "./backends/info";
export { dynamoArn, s3Arn } from "@/lib/backend/arns";
