#!/usr/bin/env node
// Builds the `statehouse` command into dist/cli/ (statehouse.mjs + lazily loaded chunks) with esbuild.
// Must never be needed at run time: bin/statehouse.mjs only imports what this wrote.
import { build } from "esbuild";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const CLI_OUT_DIR = path.join(root, "dist", "cli");

/**
 * `server-only` throws unless resolved under React's server condition; the command line is a
 * server by definition, so the marker is resolved here, once, to an empty module.
 */
const serverOnlyIsEmpty = {
  name: "server-only-is-empty",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

/** Builds dist/cli; returns esbuild's metafile (which modules went into which output file). */
export async function buildCli({ outDir = CLI_OUT_DIR, quiet = false } = {}) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { statehouse: "lib/cli/main.ts" },
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    // Chunks: each command's code (and the AWS SDK behind it) loads only when that command runs.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    tsconfig: path.join(root, "tsconfig.json"),
    // hcl2json reads its WebAssembly file next to its own code, so it stays a package (a runtime dependency).
    external: ["@cdktf/hcl2json"],
    plugins: [serverOnlyIsEmpty],
    // Bundled CommonJS (parts of the AWS SDK) calls require() for Node's built-ins.
    banner: { js: 'import { createRequire as __statehouseCreateRequire } from "node:module";\nconst require = __statehouseCreateRequire(import.meta.url);' },
    legalComments: "none",
    minifySyntax: true,
    metafile: true,
    logLevel: quiet ? "error" : "warning",
  });
  await writeFile(path.join(outDir, "meta.json"), JSON.stringify(result.metafile));
  return result.metafile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const t0 = performance.now();
  await buildCli();
  console.error(`build:cli: dist/cli/statehouse.mjs (${Math.round(performance.now() - t0)} ms)`);
}
