import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { openBackend } from "@/lib/backend/context";
import type { S3BackendOptions } from "@/lib/config/types";
import { checkAccess } from "./access-check";

const endpoint = process.env.MOTO_ENDPOINT;
const run = `${process.pid}-${Date.now().toString(36)}`;

function options(bucket: string, extra: Partial<S3BackendOptions> = {}): S3BackendOptions {
  return {
    bucket,
    key: "net/terraform.tfstate",
    region: "us-east-1",
    workspace_key_prefix: "env:",
    endpoints: { s3: endpoint, dynamodb: endpoint },
    use_path_style: true,
    access_key: "test",
    secret_key: "test",
    ...extra,
  };
}

describe.skipIf(!endpoint)("checkAccess (moto)", () => {
  const bucket = `svc-access-${run}`;
  const table = `svc-access-locks-${run}`;
  beforeAll(async () => {
    const ctx = openBackend({ name: "setup", options: options(bucket, { dynamodb_table: table }), source: "test" });
    await ctx.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "net/terraform.tfstate", Body: "{}" }));
    await ctx.ddb!.send(
      new CreateTableCommand({ TableName: table, KeySchema: [{ AttributeName: "LockID", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "LockID", AttributeType: "S" }], BillingMode: "PAY_PER_REQUEST" }),
    );
  });

  it("reports every permission ok on a healthy backend, naming the IAM actions", async () => {
    const checks = await checkAccess(openBackend({ name: "ok", options: options(bucket, { dynamodb_table: table }), source: "test" }));
    expect(checks.map((c) => c.action)).toEqual(["s3:ListBucket", "s3:GetBucketVersioning", "s3:ListBucketVersions", "s3:GetObject", "dynamodb:DescribeTable", "dynamodb:GetItem"]);
    expect(checks.every((c) => c.status === "ok")).toBe(true);
    expect(checks.find((c) => c.action === "s3:GetBucketVersioning")?.message).toBe("versioning never enabled");
  });

  it("reports a missing bucket, state object and lock table as missing, not as a crash", async () => {
    const checks = await checkAccess(openBackend({ name: "gone", options: options(`svc-access-none-${run}`, { dynamodb_table: `nope-${run}` }), source: "test" }));
    const status = Object.fromEntries(checks.map((c) => [c.action, c.status]));
    expect(status["s3:ListBucket"]).toBe("missing");
    expect(status["s3:GetObject"]).toBe("missing");
    expect(status["dynamodb:DescribeTable"]).toBe("missing");
  });

  it("skips DynamoDB probes when no lock table is configured", async () => {
    const checks = await checkAccess(openBackend({ name: "nolock", options: options(bucket), source: "test" }));
    expect(checks.some((c) => c.action.startsWith("dynamodb:"))).toBe(false);
  });
});
