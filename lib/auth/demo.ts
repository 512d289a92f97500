import bcrypt from "bcryptjs";
import type { Role } from "./types";

/**
 * The demo's local users. They are ordinary local users (bcrypt hashes in the demo config);
 * the sign-in page only offers one-click buttons for them when `auth.demo` is true.
 * The passwords are public by design: never use these accounts outside the demo.
 */
export const DEMO_ACCOUNTS: readonly { role: Role; username: string; password: string; name: string }[] = [
  { role: "admin", username: "demo-admin", password: "statehouse-demo-admin", name: "Demo Admin" },
  { role: "operator", username: "demo-operator", password: "statehouse-demo-operator", name: "Demo Operator" },
  { role: "viewer", username: "demo-viewer", password: "statehouse-demo-viewer", name: "Demo Viewer" },
];

/** The `auth` and `roles` sections the demo script writes into its config file. */
export function demoAuthSections(): { auth: Record<string, unknown>; roles: Record<string, unknown>[] } {
  return {
    auth: {
      demo: true,
      localUsers: DEMO_ACCOUNTS.map((a) => ({ username: a.username, name: a.name, passwordHash: bcrypt.hashSync(a.password, 10) })),
    },
    roles: DEMO_ACCOUNTS.map((a) => ({ role: a.role, users: [`local:${a.username}`] })),
  };
}
