/**
 * Vitest global setup: builds the `statehouse` bundle (dist/cli) once before the tests that run the
 * real command, when a source is newer than it. Never builds anything else.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { buildCli, CLI_OUT_DIR } from "../../../scripts/build-cli.mjs";

const root = path.resolve(import.meta.dirname, "../../..");

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export default async function setup(): Promise<void> {
  let built = 0;
  try {
    built = statSync(path.join(CLI_OUT_DIR, "statehouse.mjs")).mtimeMs;
  } catch {
    // not built yet
  }
  const sources = Math.max(newestSource(path.join(root, "lib")), statSync(path.join(root, "scripts/build-cli.mjs")).mtimeMs);
  if (sources > built) await buildCli({ quiet: true });
}
