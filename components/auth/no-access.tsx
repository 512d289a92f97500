import type { SessionUser } from "@/lib/auth/types";

/**
 * A signed-in user whom no role rule gives any backend: says so, and shows what the rules matched
 * against (id, verified email, groups), so an admin can tell which group or rule is missing.
 */
export function NoAccess({ user }: { user: SessionUser }) {
  return (
    <section data-testid="no-access" aria-labelledby="no-access-heading" className="mx-auto max-w-xl rounded-lg border border-amber-300 bg-amber-50 px-6 py-8">
      <h1 id="no-access-heading" className="text-lg font-semibold text-amber-900">
        No access
      </h1>
      <p className="mt-2 text-sm text-amber-900">
        You are signed in, but no role in the Statehouse config gives you access to any backend. Ask an administrator to add a role rule for one of
        these, or to add you to a group that has one.
      </p>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">User</dt>
        <dd className="font-mono" data-testid="no-access-id">
          {user.id}
        </dd>
        <dt className="text-slate-600">Verified email</dt>
        <dd data-testid="no-access-email">{user.email ?? "none"}</dd>
        <dt className="text-slate-600">Groups</dt>
        <dd data-testid="no-access-groups">{user.groups.length > 0 ? user.groups.join(", ") : "none"}</dd>
      </dl>
    </section>
  );
}
