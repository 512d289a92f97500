import Link from "next/link";

/** The last resort outside the dashboard (its own not-found has the navigation). */
export default function RootNotFound() {
  return (
    <main className="mx-auto max-w-xl space-y-3 px-4 py-16" data-testid="problem-page" data-status={404}>
      <h1 className="text-xl font-semibold text-slate-900">Page not found</h1>
      <p className="text-sm text-slate-700">There is no page at this address.</p>
      <Link href="/" className="text-sm font-medium text-sky-800 underline">
        Go to the backends
      </Link>
    </main>
  );
}
