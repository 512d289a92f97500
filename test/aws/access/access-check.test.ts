import { PutObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import type { S3BackendOptions } from "@/lib/config/types";
import { createBucket, createLockTable, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { checkAccess } from "@/lib/backend/access-check";

const endpoint = process.env.MOTO_ENDPOINT;

function options(bucket: string, extra: Partial<S3BackendOptions> = {}): S3BackendOptions {
  return testOptions({ bucket, key: "net/terraform.tfstate", ...extra });
}

describe.skipIf(!endpoint)("checkAccess (moto)", () => {
  const bucket = uniqueName("svc-access");
  const table = uniqueName("svc-access-locks");
  beforeAll(async () => {
    await createBucket(bucket);
    await createLockTable(table);
    await rawClients().s3.send(new PutObjectCommand({ Bucket: bucket, Key: "net/terraform.tfstate", Body: "{}" }));
  });

  it("reports every permission ok on a healthy backend, naming the IAM actions", async () => {
    const checks = await checkAccess(openBackend(testDefinition("ok", options(bucket, { dynamodb_table: table }))));
    expect(checks.map((c) => c.action)).toEqual(["s3:ListBucket", "s3:GetBucketVersioning", "s3:ListBucketVersions", "s3:GetObject", "dynamodb:DescribeTable", "dynamodb:GetItem"]);
    expect(checks.every((c) => c.status === "ok")).toBe(true);
    expect(checks.find((c) => c.action === "s3:GetBucketVersioning")?.message).toBe("versioning never enabled");
  });

  it("reports a missing bucket, state object and lock table as missing, not as a crash", async () => {
    const checks = await checkAccess(openBackend(testDefinition("gone", options(uniqueName("svc-access-none"), { dynamodb_table: uniqueName("nope") }))));
    const status = Object.fromEntries(checks.map((c) => [c.action, c.status]));
    expect(status["s3:ListBucket"]).toBe("missing");
    expect(status["s3:GetObject"]).toBe("missing");
    expect(status["dynamodb:DescribeTable"]).toBe("missing");
  });

  it("skips DynamoDB probes when no lock table is configured", async () => {
    const checks = await checkAccess(openBackend(testDefinition("nolock", options(bucket))));
    expect(checks.some((c) => c.action.startsWith("dynamodb:"))).toBe(false);
  });
});
