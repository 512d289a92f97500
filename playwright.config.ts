import { defineConfig, devices } from "@playwright/test";
import { GITHUB_CLIENT, OIDC_CLIENT } from "./testkit/sso";

/**
 * E2E against the production build (scripts/build-app.sh, run by scripts/test.sh before this),
 * served by its standalone server on a seeded local S3 + DynamoDB (scripts/serve-demo.sh).
 * Run under scripts/with-moto.sh so MOTO_ENDPOINT is set for both the server and the tests.
 */
const port = Number(process.env.E2E_PORT ?? 3107);
export const baseURL = `http://127.0.0.1:${port}`;
// The single sign-on servers (e2e/support/oidc-idp.ts, e2e/support/github-server.ts); e2e/support/sso.ts derives the same.
const oidcIssuer = `http://127.0.0.1:${port + 40}`;
const githubUrl = `http://127.0.0.1:${port + 50}`;
const tsxNode = "node --import tsx";
// Statehouse built for a path prefix, behind nginx (e2e/base-path.spec.ts starts both).
export const prefixedURL = `http://127.0.0.1:${port + 60}/statehouse`;
// The demo server's /api/metrics bearer token (e2e/encryption.spec.ts reads how encrypted states were opened).
export const demoMetricsToken = "e2e-demo-metrics-token-0123456789";
// The OAuth client secrets of the test servers, for every Statehouse the suite starts (the spec-started ones too).
process.env[OIDC_CLIENT.secretEnv] = OIDC_CLIENT.secret;
process.env[GITHUB_CLIENT.secretEnv] = GITHUB_CLIENT.secret;

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "e2e",
  // The tests read the estate through lib/ in plain Node: this tsconfig maps its server-only markers to an empty module.
  tsconfig: "./tsconfig.plain-node.json",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: ".test-results/playwright.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      testIgnore: /(?:replicas|base-path)\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } },
      dependencies: ["setup"],
    },
    {
      // Two more standalone servers behind nginx on E2E_PORT+10/+20/+30, started by the spec itself.
      name: "replicas",
      testMatch: /replicas\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } },
    },
    {
      // Statehouse under /statehouse behind nginx on E2E_PORT+60 (app on +70), from scripts/build-prefixed.sh; started by the spec.
      name: "base-path",
      testMatch: /base-path\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } },
    },
  ],
  webServer: [
    {
      command: `bash scripts/serve-demo.sh ${port}`,
      url: `${baseURL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      // The Next server gets no NODE_OPTIONS meant for the test runner.
      // STATEHOUSE_SHORT_LIMITS: sign-in limit and refusal windows of seconds (e2e/guard.spec.ts waits them out).
      // STATEHOUSE_DEMO_OIDC_ISSUER / _GITHUB_URL: the demo config gains both providers beside the local users (testkit/sso.ts).
      env: {
        ...(process.env as Record<string, string>),
        NODE_OPTIONS: "",
        STATEHOUSE_SHORT_LIMITS: "1",
        STATEHOUSE_METRICS_TOKEN: demoMetricsToken,
        STATEHOUSE_DEMO_OIDC_ISSUER: oidcIssuer,
        STATEHOUSE_DEMO_GITHUB_URL: githubUrl,
      },
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `${tsxNode} e2e/support/oidc-idp.ts ${port + 40} ${baseURL} ${prefixedURL}`,
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { ...(process.env as Record<string, string>), NODE_OPTIONS: "" },
      stderr: "pipe",
    },
    {
      command: `${tsxNode} e2e/support/github-server.ts ${port + 50} ${baseURL}`,
      url: `${githubUrl}/api/v3/user`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { ...(process.env as Record<string, string>), NODE_OPTIONS: "" },
      stderr: "pipe",
    },
  ],
});
