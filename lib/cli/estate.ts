/**
 * The backends an estate-wide command (search, locks, doctor) runs over: every backend of the
 * Statehouse config file, or the one named with --backend, or the one given as for terraform init.
 */
import path from "node:path";
import type { BackendContext } from "@/lib/domain/backends";
import { NotFoundError } from "@/lib/errors";
import type { CommandContext } from "./command";

const DEFAULT_CONFIG = "statehouse.config.json";

export async function estateBackends(ctx: CommandContext): Promise<BackendContext[]> {
  const source = ctx.globals.source;
  if (source.kind !== "config-file") return [await ctx.backend()];
  const file = path.resolve(ctx.io.cwd ?? process.cwd(), source.path ?? ctx.io.env.STATEHOUSE_CONFIG ?? DEFAULT_CONFIG);
  const [{ loadStatehouseConfig }, { openBackend }] = await Promise.all([import("@/lib/config/statehouse-config"), import("@/lib/domain/backends")]);
  const config = await loadStatehouseConfig(file);
  const defs = source.name === undefined ? config.backends : config.backends.filter((b) => b.name === source.name);
  if (source.name !== undefined && defs.length === 0) {
    throw new NotFoundError(`No backend named "${source.name}" in ${file}. Backends: ${config.backends.map((b) => b.name).join(", ") || "(none)"}.`, { backend: source.name });
  }
  return defs.map(openBackend);
}
