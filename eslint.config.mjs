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
];
export default config;
