import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", ".venv/**", "test-results/**", "playwright-report/**", ".bench/**", "next-env.d.ts", "e2e/.artifacts/**"],
  },
  {
    // lib/ is the backend core: it must not know Next or React.
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["next", "next/*", "react", "react-dom", "react/*", "next-auth", "next-auth/*", "@/app/*", "@/components/*"], message: "lib/ is the framework-free backend core." }] }],
    },
  },
  {
    // components/ is UI only: routes authorize and fetch (app/**/_lib/), components get props.
    // test/components-ui-only.test.ts also catches any other server-only module by its marker.
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
];
export default config;
