/** Entry point of the `statehouse` bundle (scripts/build-cli.mjs bundles from here; bin/statehouse.mjs runs it). */
import { processIo } from "./io";
import { run } from "./run";

void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
