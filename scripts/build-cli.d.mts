// Types of scripts/build-cli.mjs, for the tests that build and run the real command.
import type { Metafile } from "esbuild";
export const CLI_OUT_DIR: string;
export function buildCli(options?: { outDir?: string; quiet?: boolean }): Promise<Metafile>;
