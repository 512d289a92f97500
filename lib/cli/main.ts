/** Entry point of the `statehouse` command (bin/statehouse.mjs runs this file under tsx). */
import { processIo } from "./io";
import { run } from "./run";

// No top-level await: the package is not "type": "module", so tsx loads this file as CommonJS.
void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
