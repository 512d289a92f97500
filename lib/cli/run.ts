/**
 * `run(argv, io) => exit code`: the whole CLI, callable in-process (tests) or from main.ts.
 */
import { UsageError, booleanOption, normalizeArgv, parseCommandArgs, type OptionSpecs } from "./args";
import type { SelectedBackend } from "./backend";
import type { Command, CommandContext } from "./command";
import { COMMANDS } from "./commands";
import { GLOBAL_OPTIONS, readGlobals } from "./globals";
import { commandHelp, overviewHelp } from "./help";
import type { CliIo } from "./io";
import { explainMissingWorkspace } from "./missing-workspace";
import { reportError } from "./report-error";
import { colorEnabled } from "./table";
import { terminalSafeOutput } from "./terminal-safe";

export async function run(argv: readonly string[], given: CliIo): Promise<number> {
  const io: CliIo = { ...given, stderr: terminalSafeOutput(given.stderr) };
  try {
    const found = findCommand(argv);
    if (!found) {
      const asked = argv.includes("--help") || argv.includes("-h") || argv.includes("-help") || argv[0] === "help";
      (asked ? io.stdout : io.stderr).write(overviewHelp(COMMANDS));
      return asked ? 0 : 2;
    }
    const { command, rest } = found;
    const args = parseCommandArgs(rest, { ...GLOBAL_OPTIONS, ...command.options }, command.name);
    if (booleanOption(args, "help")) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    const globals = readGlobals(args, io, command.name);
    let opened: Promise<SelectedBackend> | undefined;
    // Loaded on first use (as each command's own code is): `--help` and usage errors load no AWS SDK, zod or HCL parser.
    const selected = () => (opened ??= import("./backend").then((m) => m.openSelectedBackend(globals.source, io)));
    const ctx: CommandContext = {
      io,
      args,
      globals,
      command,
      color: colorEnabled(io.stdout, io.env),
      backend: async () => (await selected()).backend,
      auditConfig: async () => (await selected()).audit,
    };
    try {
      return await ctx.command.run(ctx);
    } catch (e) {
      // Only once a backend was opened can a missing state object be a missing workspace.
      throw opened ? await explainMissingWorkspace(e, (await opened).backend, globals.workspace) : e;
    }
  } catch (e) {
    return reportError(e, io);
  }
}

const ALL_SPECS: OptionSpecs = Object.assign({}, GLOBAL_OPTIONS, ...COMMANDS.map((c) => c.options));
const LONG_NAMES = new Set(Object.keys(ALL_SPECS));
/** Options that take a value, by every spelling: needed to tell an option's value from the command word. */
const TAKES_VALUE = new Set(
  Object.entries(ALL_SPECS)
    .filter(([, s]) => s.type === "string")
    .flatMap(([name, s]) => [`--${name}`, ...(s.short ? [`-${s.short}`] : [])]),
);

/**
 * Finds the command words (`workspaces`, `state show`) anywhere among the arguments, so that
 * global options may come first as in `terraform -chdir=DIR init`. Returns the other arguments.
 * `help <command>` is the same as `<command> --help`.
 */
function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | null {
  const args = normalizeArgv(argv, LONG_NAMES);
  const words: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") break;
    if (a.startsWith("-") && a !== "-") {
      if (TAKES_VALUE.has(a)) i++;
      continue;
    }
    words.push(i);
    if (words.length === 3) break;
  }
  let idx = words;
  let helpWord = false;
  if (args[idx[0] ?? -1] === "help") {
    idx = idx.slice(1);
    helpWord = true;
  }
  const first = args[idx[0] ?? -1];
  if (first === undefined) return null;
  const second = args[idx[1] ?? -1];
  const command = COMMANDS.find((c) => c.name === first) ?? (second !== undefined ? COMMANDS.find((c) => c.name === `${first} ${second}`) : undefined);
  if (!command) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name);
    if (group.length > 0) throw new UsageError(`"${first}" needs a subcommand: ${group.join(", ")}.`);
    throw new UsageError(`Unknown command "${first}". Commands: ${COMMANDS.map((c) => c.name).join(", ")}.`);
  }
  const used = new Set(idx.slice(0, command.name.split(" ").length));
  if (helpWord) used.add(words[0]!);
  const rest = args.filter((_, i) => !used.has(i));
  return { command, rest: helpWord ? [...rest, "--help"] : rest };
}
