import { parseAuditConfig, type AuditConfig } from "@/lib/audit/config";
import type { StatehouseConfig } from "@/lib/config/types";
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
