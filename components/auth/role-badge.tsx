import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Role } from "@/lib/auth/types";

/** What each role may do, in the words of the pages' buttons (the server checks every action anyway). */
const MAY: Record<Role, string> = {
  viewer: "read state, outputs, versions and diffs (sensitive values stay masked)",
  operator: "read, and break locks",
  admin: "read, reveal sensitive values, break locks, restore versions and repair digests",
};
const TONE: Record<Role, BadgeTone> = { viewer: "neutral", operator: "blue", admin: "violet" };

/** The signed-in user's role on the backend being viewed, beside its name: what they may do here. */
export function RoleBadge({ role, backend }: { role: Role | null; backend: string }) {
  if (!role) return null;
  return (
    <Badge tone={TONE[role]} title={`On ${backend} you may ${MAY[role]}.`} data-testid="backend-role" data-role={role}>
      <span className="font-normal">your role:</span> {role}
    </Badge>
  );
}
