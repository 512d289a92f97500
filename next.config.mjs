// Headers every response gets, static files included. Pages also get a nonce-based Content-Security-Policy from proxy.ts;
// this one only forbids framing, so that responses the proxy does not see (assets) cannot be framed either.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; object-src 'none'" },
];

// Serving under a path prefix (https://tools.example.com/statehouse): Next's basePath is fixed at build time, so a
// prefixed deployment is its own build (STATEHOUSE_BASE_PATH=/statehouse scripts/build-app.sh). docs/CONFIG-AUTH.md.
const basePath = (process.env.STATEHOUSE_BASE_PATH ?? "").replace(/\/+$/, "");
if (basePath && !/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath)) throw new Error(`STATEHOUSE_BASE_PATH must look like /statehouse, not ${basePath}`);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  ...(basePath ? { basePath } : {}),
  // Read by lib/browser-safe/base-path.ts in server and browser code alike.
  env: { NEXT_PUBLIC_STATEHOUSE_BASE_PATH: basePath },
  poweredByHeader: false,
  // A self-contained server (.next/standalone/server.js + the traced node_modules): what the container runs and the e2e suite tests.
  output: "standalone",
  // The AWS SDK and the HCL parser (a Go/WASM module) stay as plain Node requires on the server.
  serverExternalPackages: ["@cdktf/hcl2json", "@aws-sdk/client-s3", "@aws-sdk/client-dynamodb", "@aws-sdk/credential-providers", "@aws-sdk/client-sts", "bcryptjs", "bcrypt", "pino", "prom-client"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // HSTS only when a TLS-terminating proxy says the request came over HTTPS: on plain http it would be ignored or, worse, pin a dev host.
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
    // forbidden() and unauthorized(): refused pages answer 403 / 401 (app/(dashboard)/_lib/route-problem.ts).
    authInterrupts: true,
  },
};

export default nextConfig;
