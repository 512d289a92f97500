#!/usr/bin/env node
// The `statehouse` command: runs the bundle that `npm run build:cli` wrote into dist/cli, in this
// process. Must stay tiny: everything it loads before the bundle slows every command.
import module from "node:module";

// Node ≥ 22.1 keeps compiled code between runs; older Node simply lacks the function.
module.enableCompileCache?.();
try {
  await import("../dist/cli/statehouse.mjs");
} catch (e) {
  if (e?.code !== "ERR_MODULE_NOT_FOUND" || !String(e.message).includes("statehouse.mjs")) throw e;
  process.stderr.write("statehouse: the command line is not built; run `npm run build:cli` in the Statehouse checkout.\n");
  process.exitCode = 1;
}
