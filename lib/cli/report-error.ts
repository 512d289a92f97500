/**
 * Errors on stderr as `Error: <message>` followed by what to do about it. Exit code 2 for a
 * command line to fix, 1 for everything else.
 */
import { ConfigError, isStatehouseError, type ErrorCode } from "@/lib/errors";
import { UsageError } from "./args";
import type { CliIo } from "./io";

export function reportError(e: unknown, io: CliIo): number {
  const err = (text: string) => io.stderr.write(text + "\n");
  if (e instanceof UsageError) {
    err(`Error: ${e.message}`);
    err(`Run "statehouse ${e.command ?? ""}${e.command ? " " : ""}--help" for usage.`);
    return 2;
  }
  if (e instanceof ConfigError && e.problems.length > 1) {
    err("Error: The backend configuration is invalid:");
    for (const p of e.problems) err(`  - ${p.option ? `${p.option}: ` : ""}${p.message}${p.source ? ` (${p.source})` : ""}`);
  } else if (isStatehouseError(e)) {
    const source = e instanceof ConfigError ? e.problems[0]?.source : undefined;
    err(`Error: ${e.message}${source ? ` (${source})` : ""}`);
  } else {
    // The CLI runs on the user's own machine: showing an internal error's text helps and leaks nothing.
    err(`Error: Unexpected internal error: ${e instanceof Error ? e.message : String(e)}`);
    if (io.env.STATEHOUSE_DEBUG && e instanceof Error && e.stack) err(e.stack);
    return 1;
  }
  const hint = CLI_HINTS[e.code] ?? e.hint;
  if (hint) err(`Hint: ${hint}`);
  return 1;
}

/** Where the CLI has a more direct answer than the generic hint: the flag or command to use. */
const CLI_HINTS: Partial<Record<ErrorCode, string>> = {
  LINEAGE_MISMATCH: "Pass --confirm-lineage-change if you really mean to replace this state with another one.",
  LOCKED: 'Wait for the run to finish; if it was abandoned, release its lock with "statehouse unlock -w WORKSPACE LOCK_ID".',
  LOCK_CHANGED: 'Check the current lock with "statehouse lock -w WORKSPACE" and try again with its ID.',
  NOT_FOUND: 'Check the workspace name ("statehouse workspaces" lists them) and the version ID ("statehouse versions -w WORKSPACE").',
};
