import fs from "node:fs";
import path from "node:path";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers and who may import whom: docs/ARCHITECTURE.md "Layers". A wrong import fails lint.
const FRAMEWORK = { group: ["next", "next/*", "react", "react-dom", "react/*", "next-auth", "next-auth/*", "@/app/*", "@/components/*"], message: "lib/ is the framework-free backend core." };
const CORE_INTERNALS = {
  group: ["@/lib/backend", "@/lib/backend/*", "@/lib/aws", "@/lib/aws/*", "@/lib/cache", "@/lib/cache/*", "@aws-sdk/*"],
  message: "app/, components/ and lib/cli reach the core only through lib/domain (one module per concept); only lib/domain talks to lib/backend, only lib/backend to AWS.",
};
const DOMAIN_SUBFILES = { group: ["@/lib/domain/*/*"], message: "Import the concept's entry module (lib/domain/<concept>), not its subfiles." };
const AWS = { group: ["@/lib/aws", "@/lib/aws/*", "@aws-sdk/*"], message: "Only lib/backend talks to AWS (lib/aws and the SDK)." };
const BACKEND = { group: ["@/lib/backend", "@/lib/backend/*"], message: "Only lib/domain imports lib/backend." };
const DOMAIN = { group: ["@/lib/domain", "@/lib/domain/*"], message: "lib/domain is the top of the core: nothing in lib/ below it imports it." };
const BROWSER = { group: ["server-only", "node:*", "@/lib/cache", "@/lib/cache/*"], message: "lib/browser-safe is shared with the browser: no server-only, AWS or node: imports." };

const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const SERVER_SPECIFIERS = [/^server-only$/, /^node:/, /^@aws-sdk\//, /^@\/lib\/(domain|backend|aws|cache)(\/|$)/];
const serverOnlyFiles = new Map();
/** Whether a project module opens with `import "server-only"` (such a module cannot reach the browser). */
function isServerOnlyModule(specifier, root) {
  if (!specifier.startsWith("@/")) return false;
  const base = path.join(root, specifier.slice(2));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (!fs.existsSync(candidate) || !fs.statSync(candidate).isFile()) continue;
    if (!serverOnlyFiles.has(candidate)) serverOnlyFiles.set(candidate, /^import "server-only";/m.test(fs.readFileSync(candidate, "utf8")));
    return serverOnlyFiles.get(candidate);
  }
  return false;
}

/** A "use client" module may import types from the server side, never values. */
const clientBoundary = {
  meta: { type: "problem", schema: [], messages: { server: 'A client component ("use client") cannot import {{name}}: it is server-only. Pass the data or wording from a server component as props, or use lib/browser-safe.' } },
  create(context) {
    let client = false;
    return {
      Program(node) {
        client = false;
        for (const s of node.body) {
          if (s.type !== "ExpressionStatement" || typeof s.directive !== "string") break;
          if (s.directive === "use client") client = true;
        }
      },
      ImportDeclaration(node) {
        if (!client || node.importKind === "type") return;
        if (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type")) return;
        const name = node.source.value;
        if (SERVER_SPECIFIERS.some((re) => re.test(name)) || isServerOnlyModule(name, context.cwd)) context.report({ node, messageId: "server", data: { name } });
      },
    };
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".venv/**", "dist/**", ".node/**", ".tools/**", "test-results/**", "playwright-report/**", ".bench/**", "next-env.d.ts", "e2e/.artifacts/**"],
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "auth.ts", "proxy.ts", "instrumentation.ts"],
    ignores: ["**/*.test.ts"],
    plugins: { statehouse: { rules: { "client-boundary": clientBoundary } } },
    rules: { ...restrict(CORE_INTERNALS, DOMAIN_SUBFILES), "statehouse/client-boundary": "error" },
  },
  {
    // components/ is UI only: routes authorize and fetch (app/**/_lib/), components get props.
    // components/ui-only.test.ts also catches any other server-only module by its marker.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/auth", "@/app/actions/schemas", "@/lib/aws/*", "@/lib/backend/*", "server-only"],
              allowTypeImports: true,
              message: "components/ is UI only: authorize and read in the route (app/**/_lib/) and pass the data as props.",
            },
          ],
        },
      ],
    },
  },
  // lib/ is the backend core: it must not know Next or React. Below that, each layer its own rule.
  { files: ["lib/cli/**/*.ts"], ignores: ["**/*.test.ts"], rules: restrict(FRAMEWORK, CORE_INTERNALS, DOMAIN_SUBFILES) },
  { files: ["lib/domain/**/*.ts"], rules: restrict(FRAMEWORK, AWS) },
  { files: ["lib/backend/**/*.ts"], rules: restrict(FRAMEWORK, DOMAIN) },
  { files: ["lib/aws/**/*.ts"], rules: restrict(FRAMEWORK, DOMAIN, BACKEND) },
  { files: ["lib/browser-safe/**/*.ts"], rules: restrict(FRAMEWORK, DOMAIN, BACKEND, AWS, BROWSER) },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/cli/**", "lib/domain/**", "lib/backend/**", "lib/aws/**", "lib/browser-safe/**", "**/*.test.ts"],
    rules: restrict(FRAMEWORK, DOMAIN, BACKEND, AWS),
  },
  // Unit tests sit beside their code and may set up what they test with anything but the framework.
  { files: ["lib/**/*.test.ts"], rules: restrict(FRAMEWORK) },
];
export default config;
