/**
 * The shape of a command and what it runs with. Each command lives in commands/<name>.ts and is
 * listed in commands/index.ts; parsing, help and error reporting are shared (run.ts).
 */
import { stringifyWithBigInt } from "@/lib/util/json-bigint";
import type { AuditConfig } from "@/lib/audit/config";
import type { BackendContext } from "@/lib/domain/backends";
import type { OptionSpecs, ParsedArgs } from "./args";
import type { Globals } from "./globals";
import type { CliIo } from "./io";
import { writeTable, type Cell, type Column } from "./table";
import { terminalSafe } from "./terminal-safe";

export interface Command {
  /** "workspaces", "state show". */
  name: string;
  summary: string;
  /** Positional arguments as shown in usage: "A B", "[ID]". */
  synopsis?: string;
  /** More text for --help. */
  details?: string;
  options: OptionSpecs;
  run(ctx: CommandContext): Promise<number>;
}

export interface CommandContext {
  io: CliIo;
  args: ParsedArgs;
  globals: Globals;
  command: Command;
  /** Opens the backend selected by the global options (config is loaded on first use). */
  backend(): Promise<BackendContext>;
  /** Where the backend's writes are audited besides stderr: the `audit` section of its Statehouse config ({} if none). */
  auditConfig(): Promise<AuditConfig>;
  color: boolean;
}

export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.io.stdout.write(stringifyWithBigInt(value, 2) + "\n");
}

/** Streams the table (with backpressure): await it before writing what follows, to keep memory bounded. */
export function printTable(ctx: CommandContext, columns: readonly Column[], rows: readonly (readonly Cell[])[]): Promise<void> {
  return writeTable(ctx.io.stdout, columns, rows, ctx.color);
}

export function printLine(ctx: CommandContext, text = ""): void {
  ctx.io.stdout.write(terminalSafe(text) + "\n");
}
