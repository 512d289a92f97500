/**
 * Argument parsing on node:util parseArgs, accepting Terraform's single-dash spelling of long
 * options (`-chdir=DIR`, `-backend-config=FILE`, `-var 'k=v'`, `-force`) next to `--name value`,
 * so that a command line copied from `terraform init` works unchanged.
 */
import { parseArgs } from "node:util";
import { InvalidInputError } from "@/lib/errors";

/** A command line the user has to fix: reported with exit code 2 and a pointer to --help. */
export class UsageError extends InvalidInputError {
  constructor(
    message: string,
    /** The command whose help to point at ("state show"), if known. */
    readonly command?: string,
  ) {
    super(message);
  }
}

export interface OptionSpec {
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
  /** Placeholder shown in help: `--version ID`. */
  valueName?: string;
  description: string;
}
export type OptionSpecs = Record<string, OptionSpec>;

export type OptionValue = string | boolean | (string | boolean)[] | undefined;
export interface ParsedArgs {
  values: Record<string, OptionValue>;
  positionals: string[];
}

/**
 * Rewrites `-name`/`-name=value` to `--name`/`--name=value` for known long names (Terraform's style).
 * Single-letter short options (`-w`) and everything after `--` are left alone.
 */
export function normalizeArgv(argv: readonly string[], longNames: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let rest = false;
  for (const arg of argv) {
    if (rest || arg === "--") {
      rest = true;
      out.push(arg);
      continue;
    }
    const m = /^-([a-z][a-z0-9-]+)(=[\s\S]*)?$/.exec(arg);
    out.push(m && longNames.has(m[1]!) ? `-${arg}` : arg);
  }
  return out;
}

/** Parses one command's arguments strictly; any problem becomes a UsageError naming the command. */
export function parseCommandArgs(argv: readonly string[], specs: OptionSpecs, command?: string): ParsedArgs {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {};
  for (const [name, s] of Object.entries(specs)) {
    // parseArgs rejects keys present with an undefined value.
    options[name] = { type: s.type, ...(s.multiple ? { multiple: true } : {}), ...(s.short ? { short: s.short } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({
      args: normalizeArgv(argv, new Set(Object.keys(specs))),
      options,
      strict: true,
      allowPositionals: true,
    });
    return { values: values as Record<string, OptionValue>, positionals };
  } catch (e) {
    // parseArgs reports problems as TypeErrors with an ERR_PARSE_ARGS_* code and a readable message.
    if (e instanceof TypeError && String((e as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS")) {
      throw new UsageError(e.message.replace(/\. To specify a positional argument.*$/s, "."), command);
    }
    throw e;
  }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

export function booleanOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function listOption(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Checks the positional count; names are for the message: ["A", "B"]. */
export function expectPositionals(args: ParsedArgs, names: readonly string[], command: string): string[] {
  if (args.positionals.length < names.length) {
    throw new UsageError(`Missing ${names.slice(args.positionals.length).join(" and ")}.`, command);
  }
  if (args.positionals.length > names.length) {
    throw new UsageError(`Unexpected argument "${args.positionals[names.length]}".`, command);
  }
  return args.positionals;
}
