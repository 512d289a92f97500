/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A self-contained server (.next/standalone/server.js + the traced node_modules): what the container runs and the e2e suite tests.
  output: "standalone",
  // The AWS SDK and the HCL parser (a Go/WASM module) stay as plain Node requires on the server.
  serverExternalPackages: ["@cdktf/hcl2json", "@aws-sdk/client-s3", "@aws-sdk/client-dynamodb", "@aws-sdk/credential-providers", "@aws-sdk/client-sts", "bcryptjs", "pino", "prom-client"],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
    // forbidden() and unauthorized(): refused pages answer 403 / 401 (app/(dashboard)/_lib/route-problem.ts).
    authInterrupts: true,
  },
};

export default nextConfig;
