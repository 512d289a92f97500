/**
 * Seeds the demo estate into the local S3 + DynamoDB at $MOTO_ENDPOINT (when not seeded yet) and
 * writes the Statehouse config file for it: the estate's backends, the demo users (real local users
 * with bcrypt hashes, offered as one-click buttons because `auth.demo` is on) and an S3 audit trail.
 * Usage: tsx scripts/demo-prepare.ts OUT.json
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { demoAuthSections } from "@/lib/auth/demo";
import { seedEstate } from "@/testkit/estate";
import { ssoAuthSections } from "@/testkit/sso";
import { DEMO_ENCRYPTION_ENV, demoEncryptionJson } from "@/testkit/encrypted-estate";
import { createBucket, motoEndpoint, rawClients } from "@/testkit/moto";
import { HeadBucketCommand } from "@aws-sdk/client-s3";

const AUDIT_BUCKET = "statehouse-audit";

async function main(out: string): Promise<void> {
  const endpoint = motoEndpoint();
  const started = Date.now();
  const backends = await seedEstate(endpoint);
  const { s3 } = rawClients(endpoint);
  const hasAudit = await s3.send(new HeadBucketCommand({ Bucket: AUDIT_BUCKET })).then(() => true, () => false);
  if (!hasAudit) await createBucket(AUDIT_BUCKET, { versioning: "Enabled" }, endpoint);

  const demo = demoAuthSections();
  // The e2e harness's OpenID Provider and GitHub-shaped server, beside the local (break-glass) users.
  const sso = ssoAuthSections({ oidcIssuer: process.env.STATEHOUSE_DEMO_OIDC_ISSUER, githubUrl: process.env.STATEHOUSE_DEMO_GITHUB_URL });
  const auth = { auth: { ...demo.auth, ...sso.auth }, roles: [...demo.roles, ...sso.roles] };
  // The e2e suite's windows are seconds long, so that its flood and refusal tests end soon; the demo keeps the defaults.
  const shortWindows = process.env.STATEHOUSE_SHORT_LIMITS === "1";
  const config = {
    backends: backends.map((b) => ({ name: b.name, description: b.description, options: b.options, ...(b.encryptionEntry ? { encryption: b.encryptionEntry } : {}) })),
    auth: shortWindows ? { ...auth.auth, signInLimits: { perUser: { attempts: 5, windowSeconds: 5 }, perAddress: { attempts: 20, windowSeconds: 5 } } } : auth.auth,
    roles: auth.roles,
    audit: {
      s3: { bucket: AUDIT_BUCKET, prefix: "statehouse-audit", region: "us-east-1", endpoint, use_path_style: true },
      ...(shortWindows ? { refusalWindowSeconds: 3 } : {}),
    },
  };
  await writeFile(out, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  // The encrypted backend's settings (with the demo passphrase) go to the server's environment, never into the config.
  await writeFile(path.join(path.dirname(out), `${DEMO_ENCRYPTION_ENV}.json`), demoEncryptionJson(), { mode: 0o600 });
  console.error(`demo: ${backends.length} backends ready on ${endpoint} in ${Date.now() - started} ms; config ${out}`);
}

const out = process.argv[2];
if (!out) {
  console.error("usage: tsx scripts/demo-prepare.ts OUT.json");
  process.exit(2);
}
main(out).catch((e: unknown) => {
  console.error("demo: seeding failed:", e);
  process.exit(1);
});
