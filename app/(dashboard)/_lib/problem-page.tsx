import "server-only";
/**
 * The body of the not-found, forbidden and unauthorized files: the problem the layout above
 * recorded (what is missing or refused, what to do, the closest names), or a plain one.
 */
import Link from "next/link";
import { ErrorState } from "@/components/ui/error-state";
import { buttonClasses } from "@/components/ui/button";
import type { ErrorPayload } from "@/lib/errors";
import { workspaceHref } from "@/app/(dashboard)/b/[backend]/w/[workspace]/_lib/links";
import { recordedProblem } from "./route-problem";

type Kind = "not-found" | "forbidden" | "unauthorized";

const PLAIN: Record<Kind, { status: number; title: string; error: ErrorPayload }> = {
  "not-found": { status: 404, title: "Page not found", error: { code: "NOT_FOUND", message: "There is no page at this address.", hint: "Check the address, or start again from the backends." } },
  forbidden: { status: 403, title: "Not allowed", error: { code: "FORBIDDEN", message: "Your role does not allow this page.", hint: "Ask an admin for a role that does." } },
  unauthorized: { status: 401, title: "Sign-in required", error: { code: "UNAUTHENTICATED", message: "This page is only for signed-in users.", hint: "Sign in, then open the address again." } },
};

function kindOf(e: ErrorPayload): Kind {
  return e.code === "FORBIDDEN" ? "forbidden" : e.code === "UNAUTHENTICATED" ? "unauthorized" : "not-found";
}

function text(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

export function ProblemPage({ kind }: { kind: Kind }) {
  const recorded = recordedProblem();
  const plain = PLAIN[kind];
  const error = recorded && kindOf(recorded) === kind ? recorded : plain.error;
  const backend = text(error.details?.backend);
  const suggestion = text(error.details?.suggestion);
  const heading = text(error.details?.title) ?? plain.title;
  return (
    <div className="space-y-4" data-testid="problem-page" data-status={plain.status}>
      {/* React puts it in the head: the tab and the history say what went wrong, not just "Statehouse". */}
      <title>{`${heading} · Statehouse`}</title>
      <h1 className="text-xl font-semibold text-slate-900">{heading}</h1>
      <ErrorState
        error={error}
        action={
          <>
            {backend && suggestion && (
              <Link href={workspaceHref(backend, suggestion, "state")} className={buttonClasses("primary", "sm")} data-testid="suggested-workspace">
                Open {suggestion}
              </Link>
            )}
            {backend && error.details?.workspace !== undefined && (
              <Link href={`/b/${encodeURIComponent(backend)}`} className={buttonClasses("secondary", "sm")} data-testid="all-workspaces">
                All workspaces of {backend}
              </Link>
            )}
            {kind === "unauthorized" ? (
              <Link href="/signin" className={buttonClasses("secondary", "sm")}>
                Sign in
              </Link>
            ) : (
              <Link href="/" className={buttonClasses("secondary", "sm")} data-testid="home-link">
                Backends
              </Link>
            )}
          </>
        }
      />
    </div>
  );
}
