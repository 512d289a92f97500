/**
 * components/ holds UI only: routes (app/**, their _lib/) authorize and fetch, components get props.
 * This scans every file under components/ for value imports of server-side data code and checks
 * that the lint rule for components/ reports one too. It never edits a file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

/** Modules that are server plumbing whatever their marker says: the session, the actions' input schemas. */
const ALWAYS_FORBIDDEN = new Set(["auth", "app/actions/schemas"]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The repository-relative module a specifier names (without extension), or null for packages. */
function resolveModule(fromFile: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(fromFile), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return path.relative(ROOT, candidate).replace(/\.tsx?$/, "").replace(/\/index$/, "");
  }
  return path.relative(ROOT, base);
}

function isServerOnly(target: string): boolean {
  for (const ext of [".ts", ".tsx"]) {
    const file = path.join(ROOT, target + ext);
    if (existsSync(file)) return /^\s*import\s+["']server-only["'];?\s*$/m.test(readFileSync(file, "utf-8"));
  }
  return false;
}

/** The value imports (not `import type`) of one source text, with their specifiers. */
function valueImports(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specs: string[] = [];
  for (const st of sf.statements) {
    if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      if (ts.isImportDeclaration(st)) {
        const clause = st.importClause;
        if (clause?.isTypeOnly) continue;
        const named = clause?.namedBindings;
        // `import { type A, type B }` brings in nothing at run time.
        if (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)) continue;
      } else if (st.isTypeOnly) continue;
      specs.push(st.moduleSpecifier.text);
    }
  }
  return specs;
}

/** Why each value import of a components/ file is not UI, if any. */
export function forbiddenImports(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const spec of valueImports(file, text)) {
    if (spec === "server-only") {
      problems.push(`${spec}: a component is rendered wherever it is used; server-only code belongs to the route`);
      continue;
    }
    const target = resolveModule(file, spec);
    if (target === null) continue;
    if (ALWAYS_FORBIDDEN.has(target)) problems.push(`${spec}: authorization and input schemas belong to the routes and actions`);
    else if (isServerOnly(target)) problems.push(`${spec}: a server-only module; the route reads the data and passes it as props`);
  }
  return problems;
}

describe("components/ is UI only", () => {
  it("no component imports the session, the action schemas or a server-only module", () => {
    const found = walk(path.join(ROOT, "components")).flatMap((file) => forbiddenImports(file, readFileSync(file, "utf-8")).map((p) => `${path.relative(ROOT, file)}: ${p}`));
    expect(found).toEqual([]);
  });

  it("reports such imports (value imports only) in a component", () => {
    const file = path.join(ROOT, "components", "example.tsx");
    const text = [
      'import { authorize } from "@/auth";',
      'import { versionIdSchema } from "@/app/actions/schemas";',
      'import { loadState } from "@/lib/domain/state";',
      'import { readLockStatus } from "../lib/backend/locks/status";',
      'import type { LoadedState } from "@/lib/domain/state";',
      'import { type LockStatus } from "@/lib/backend/types";',
      'import { formatBytes } from "@/lib/browser-safe/format";',
      'import { Badge } from "@/components/ui/badge";',
    ].join("\n");
    expect(forbiddenImports(file, text).map((p) => p.split(":")[0])).toEqual(["@/auth", "@/app/actions/schemas", "@/lib/domain/state", "../lib/backend/locks/status"]);
  });

  it("the lint rule for components/ reports a value import of the session or the core's server side", async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const code = 'import { authorize } from "@/auth";\nimport { readLockStatus } from "@/lib/backend/locks";\nimport type { LockStatus } from "@/lib/backend/types";\nexport const x: LockStatus | null = null;\nvoid authorize;\nvoid readLockStatus;\n';
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, "components", "example.tsx") });
    const restricted = result!.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.line);
    expect(restricted).toEqual([1, 2]);
  });
});
