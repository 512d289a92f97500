/**
 * A stand-in for `@/auth` in tests that call server actions directly (there is no request, so no session
 * cookie): `who(backend)` says who is signed in and their role on that backend, or null when nobody is.
 * The role checks themselves are the real ones (lib/auth/roles). Use it from a vi.mock factory:
 *   vi.mock("@/auth", () => import("@/testkit/fake-auth").then((m) => m.fakeAuth((backend) => ...)));
 */
import type { Role, SessionUser } from "@/lib/auth/types";

export type FakeSession = { user: SessionUser; role: Role | null } | null;

export async function fakeAuth(who: (backend: string | null) => FakeSession) {
  const { can, minimumRole } = await import("@/lib/auth/roles");
  const { ForbiddenError, UnauthenticatedError } = await import("@/lib/errors");
  return {
    authorize: async (backend: string, action: Parameters<typeof can>[1]) => {
      const s = who(backend);
      if (!s) throw new UnauthenticatedError();
      if (!can(s.role, action)) throw new ForbiddenError(minimumRole(action), backend);
      return { user: s.user, role: s.role };
    },
    getRole: async (backend: string | null) => {
      const s = who(backend);
      return { user: s?.user ?? null, role: s?.role ?? null };
    },
  };
}
