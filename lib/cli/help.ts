/** --help texts, generated from the command and option specs so they cannot drift from the parser. */
import type { OptionSpecs } from "./args";
import type { Command } from "./command";
import { GLOBAL_OPTIONS } from "./globals";

function optionLines(specs: OptionSpecs): string[] {
  const rows = Object.entries(specs).map(([name, s]) => {
    const long = `--${name}${s.type === "string" ? ` ${s.valueName ?? "VALUE"}` : ""}`;
    return [s.short ? `-${s.short}, ${long}` : long, s.description] as const;
  });
  const width = Math.max(...rows.map(([n]) => n.length));
  return rows.map(([n, d]) => `  ${n.padEnd(width)}  ${d}`);
}

export function commandHelp(c: Command): string {
  const lines = [`Usage: statehouse ${c.name} [options]${c.synopsis ? ` ${c.synopsis}` : ""}`, "", c.summary];
  if (c.details) lines.push("", c.details);
  if (Object.keys(c.options).length > 0) lines.push("", "Options:", ...optionLines(c.options));
  lines.push("", "Backend and global options:", ...optionLines(GLOBAL_OPTIONS), "", TERRAFORM_STYLE_NOTE);
  return lines.join("\n") + "\n";
}

const TERRAFORM_STYLE_NOTE =
  "Long options also take Terraform's form: -chdir=DIR -backend-config=FILE -backend-config=KEY=VALUE -var 'k=v' -var-file=F.\n" +
  "Without any backend option the Statehouse config file is used (--config, --backend); AWS region, profile and\n" +
  "endpoints also come from the usual AWS_* environment variables.";

export function overviewHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: statehouse <command> [options]",
    "",
    "Terraform/OpenTofu state kept by the s3 backend: workspaces, state, outputs, versions, diffs and locks.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    'Run "statehouse <command> --help" for a command\'s options.',
  ].join("\n") + "\n";
}
