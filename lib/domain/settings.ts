import "server-only";
/** The security settings (auth, roles, audit) of the process's Statehouse config, validated once per loaded config. */
import type { StatehouseConfig } from "@/lib/config/types";
import { securitySettingsFrom, type SecuritySettings } from "@/lib/auth/settings";
import { getCatalog } from "./backends";

export type { SecuritySettings };

let cached: { config: StatehouseConfig; settings: SecuritySettings } | null = null;

/**
 * From the per-process config of the catalog (a config change, roles included, applies on
 * restart). Validated once per loaded config; a failed load or validation is not kept.
 */
export async function getSecuritySettings(): Promise<SecuritySettings> {
  const { config } = await getCatalog();
  if (cached?.config !== config) cached = { config, settings: securitySettingsFrom(config) };
  return cached.settings;
}
