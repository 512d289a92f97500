import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // `server-only` throws outside a React server bundle; tests run lib/ in plain Node.
      "server-only": path.resolve(__dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    // Unit tests sit beside their code; tests that need the local AWS stack all live under test/aws/.
    include: ["*.test.ts", "lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "deploy/**/*.test.ts", "test/aws/**/*.test.ts"],
    exclude: ["e2e/**", "node_modules/**", ".next/**"],
    environment: "node",
    // Tests of the real command run the bundle; it is built once here, not by each test.
    globalSetup: ["test/aws/cli/build-cli.global.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});
