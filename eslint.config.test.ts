import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rule of eslint.config.mjs, checked through ESLint's own API on made-up files.
const root = import.meta.dirname;
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") });
const BOUNDARY_RULES = new Set(["no-restricted-imports", "statehouse/client-boundary"]);

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.message);
}

const importing = (what: string, from: string) => `import { ${what} } from "${from}";\nexport const used = ${what};\n`;

describe("import boundaries", () => {
  it("refuses lib/backend, lib/aws, lib/cache and the SDK in pages, components and the CLI", async () => {
    expect(await boundaryErrors("app/x/page.tsx", importing("listVersions", "@/lib/backend/versions"))).toEqual([expect.stringContaining("only through lib/domain")]);
    expect(await boundaryErrors("components/x/y.tsx", importing("S3Client", "@aws-sdk/client-s3"))).toHaveLength(1);
    expect(await boundaryErrors("lib/cli/commands/x.ts", importing("createCache", "@/lib/cache/cache"))).toHaveLength(1);
  });

  it("allows the domain face's entry modules there, but not their subfiles", async () => {
    expect(await boundaryErrors("app/x/page.tsx", importing("listVersions", "@/lib/domain/versions"))).toEqual([]);
    expect(await boundaryErrors("lib/cli/commands/x.ts", importing("loadState", "@/lib/domain/state"))).toEqual([]);
    expect(await boundaryErrors("lib/cli/commands/x.ts", importing("workspaceDetails", "@/lib/domain/workspaces/details"))).toEqual([expect.stringContaining("entry module")]);
  });

  it("lets only lib/domain import lib/backend, and only lib/backend import AWS", async () => {
    expect(await boundaryErrors("lib/domain/x.ts", importing("stateKey", "@/lib/backend/keys"))).toEqual([]);
    expect(await boundaryErrors("lib/state/x.ts", importing("stateKey", "@/lib/backend/keys"))).toEqual([expect.stringContaining("Only lib/domain imports lib/backend")]);
    expect(await boundaryErrors("lib/backend/x.ts", importing("S3Client", "@aws-sdk/client-s3"))).toEqual([]);
    expect(await boundaryErrors("lib/domain/x.ts", importing("S3Client", "@aws-sdk/client-s3"))).toEqual([expect.stringContaining("Only lib/backend talks to AWS")]);
    expect(await boundaryErrors("lib/backend/x.ts", importing("loadState", "@/lib/domain/state"))).toHaveLength(1);
  });

  it("keeps lib/ free of the framework and lib/browser-safe free of server code", async () => {
    expect(await boundaryErrors("lib/state/x.ts", importing("cache", "react"))).toEqual([expect.stringContaining("framework-free")]);
    expect(await boundaryErrors("lib/browser-safe/x.ts", importing("readFileSync", "node:fs"))).toHaveLength(1);
    expect(await boundaryErrors("lib/browser-safe/x.ts", importing("formatBytes", "./format"))).toEqual([]);
  });

  it("refuses server-only values in a client component, and allows their types", async () => {
    const client = (body: string) => `"use client";\n${body}`;
    expect(await boundaryErrors("components/x/y.tsx", client(importing("loadState", "@/lib/domain/state")))).toEqual([expect.stringContaining("client component")]);
    // lib/auth/settings has no server-only import, lib/domain/settings does: found by reading the module.
    expect(await boundaryErrors("components/x/y.tsx", client(importing("getSecuritySettings", "@/lib/domain/settings")))).toHaveLength(1);
    expect(await boundaryErrors("components/x/y.tsx", client('import type { LoadedState } from "@/lib/domain/state";\nexport type T = LoadedState;\n'))).toEqual([]);
    expect(await boundaryErrors("components/x/y.tsx", client(importing("formatBytes", "@/lib/browser-safe/format")))).toEqual([]);
    // The same import in a server component is fine.
    expect(await boundaryErrors("components/x/y.tsx", importing("loadState", "@/lib/domain/state"))).toEqual([]);
  });
});
