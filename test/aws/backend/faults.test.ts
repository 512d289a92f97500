/** What the read core does when AWS refuses or throttles, through the fault proxy in front of moto. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { openBackend } from "@/lib/backend/context";
import { listWorkspaces } from "@/lib/backend/workspaces";
import { readLockStatus } from "@/lib/backend/locks/status";
import { mapLimit } from "@/lib/util/map-limit";
import { createBucket, createLockTable, motoEndpoint, rawClients, testDefinition, testOptions, uniqueName } from "@/testkit/moto";
import { startFaultProxy, type FaultProxy } from "@/testkit/fault-proxy";
import type { S3BackendOptions } from "@/lib/config/types";

let proxy: FaultProxy;
let bucket: string;
let options: S3BackendOptions;
const N = 1010;

beforeAll(async () => {
  bucket = uniqueName("faults");
  const table = uniqueName("faults-locks");
  await createBucket(bucket);
  await createLockTable(table);
  await mapLimit(Array.from({ length: N }, (_, i) => `w${String(i).padStart(4, "0")}`), 32, (w) =>
    rawClients().s3.send(new PutObjectCommand({ Bucket: bucket, Key: `env:/${w}/terraform.tfstate`, Body: "{}" })),
  );
  proxy = await startFaultProxy(motoEndpoint());
  options = testOptions({ bucket, dynamodb_table: table, max_retries: 1 }, proxy.endpoint);
});
afterAll(() => proxy?.stop());

describe("listing under faults", () => {
  it("returns what it had plus a warning when listing is denied part-way (as Tofu does)", async () => {
    proxy.clear();
    proxy.add({ match: { method: "GET", path: new RegExp(`^/${bucket}/?$`), query: /continuation-token/ }, fault: { kind: "status", status: 403, code: "AccessDenied" } });
    const { workspaces, warnings } = await listWorkspaces(openBackend(testDefinition("denied", options)), { includeLocks: false });
    expect(workspaces[0]!.name).toBe("default");
    expect(workspaces.length).toBeGreaterThan(1);
    expect(workspaces.length).toBeLessThan(N + 1);
    expect(warnings).toEqual([expect.objectContaining({ code: "ACCESS_DENIED", message: expect.stringContaining("s3:ListBucket") })]);
  });

  it("reports lock status as unknown (warning) when DynamoDB throttles past the retries", async () => {
    proxy.clear();
    proxy.add({ match: { dynamoOperation: "BatchGetItem" }, fault: { kind: "status", status: 400, code: "ProvisionedThroughputExceededException" } });
    const { workspaces, warnings } = await listWorkspaces(openBackend(testDefinition("throttled", options)), { includeDeleted: false });
    expect(workspaces).toHaveLength(N + 1);
    expect(warnings).toEqual([expect.objectContaining({ code: "THROTTLED", message: expect.stringContaining("Lock status unknown") })]);
  });

  it("throws ThrottledError when S3 keeps answering SlowDown", async () => {
    proxy.clear();
    proxy.add({ match: { path: new RegExp(`^/${bucket}/?$`) }, fault: { kind: "status", status: 503, code: "SlowDown" } });
    await expect(listWorkspaces(openBackend(testDefinition("slow", options)))).rejects.toMatchObject({ code: "THROTTLED" });
  });

  it("names the action on AccessDenied from DynamoDB", async () => {
    proxy.clear();
    proxy.add({ match: { dynamoOperation: "GetItem" }, fault: { kind: "status", status: 400, code: "AccessDeniedException" } });
    await expect(readLockStatus(openBackend(testDefinition("ddb-denied", options)), "w0001")).rejects.toMatchObject({
      code: "ACCESS_DENIED",
      message: expect.stringContaining("dynamodb:GetItem"),
    });
  });
});
