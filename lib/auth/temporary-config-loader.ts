import { readFile } from "node:fs/promises";
import type { BackendDefinition } from "@/lib/config/types";
import { ConfigError } from "@/lib/errors";

// TEMPORARY stand-in until lib/config/statehouse-config.ts lands (then this file is removed):
// reads only what the auth code needs, with the same signature.
export interface StatehouseConfig {
  path: string;
  backends: BackendDefinition[];
  auth: unknown;
  roles: unknown;
  audit: unknown;
}

export async function loadStatehouseConfig(path = process.env.STATEHOUSE_CONFIG ?? "./statehouse.config.json"): Promise<StatehouseConfig> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(path, "utf-8")) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`Cannot read the Statehouse config ${path}: ${(err as Error).message}`);
  }
  const backends = Array.isArray(json.backends) ? (json.backends as BackendDefinition[]) : [];
  return { path, backends, auth: json.auth, roles: json.roles, audit: json.audit };
}
