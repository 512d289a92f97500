#!/usr/bin/env node
// The `statehouse` command: runs lib/cli/main.ts under tsx, with the `react-server`
// condition so that lib/'s `server-only` markers resolve to their empty module.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { createRequire } from "node:module";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const main = path.join(here, "..", "lib", "cli", "main.ts");
const tsx = require.resolve("tsx");
const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", tsx, main, ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(r.status ?? 1);
