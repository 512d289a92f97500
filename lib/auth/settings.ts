import { parseAuditConfig, type AuditConfig } from "@/lib/audit/config";
import type { StatehouseConfig } from "@/lib/config/types";
import { getCatalog } from "@/lib/domain/backends";
import { parseAuthConfig, parseRolesConfig, type AuthConfig } from "./config";
import type { RolePolicy } from "./roles";

/** The validated `auth`, `roles` and `audit` sections of the Statehouse config file. */
export interface SecuritySettings {
  auth: AuthConfig;
  policy: RolePolicy;
  audit: AuditConfig;
}

export function securitySettingsFrom(config: Pick<StatehouseConfig, "backends" | "auth" | "roles" | "audit">): SecuritySettings {
  const auth = parseAuthConfig(config.auth);
  return {
    auth,
    policy: {
      rules: parseRolesConfig(config.roles, config.backends.map((b) => b.name)),
      ...(auth.defaultRole ? { defaultRole: auth.defaultRole } : {}),
      ...(auth.anonymous ? { anonymous: auth.anonymous } : {}),
    },
    audit: parseAuditConfig(config.audit),
  };
}

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
