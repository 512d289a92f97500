/**
 * The server's logs and metrics pieces: route patterns bound the labels, the metrics token gate, the
 * logger's level, request id and redaction, and the SDK middleware counting real calls against the
 * local S3 (moto) by operation and outcome.
 */
import { Writable } from "node:stream";
import { HeadBucketCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { createClients } from "@/lib/aws/clients";
import { requestContextStore, requestIdFrom } from "@/lib/observability/context";
import { createLogger, logLevelFrom } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import { metricsAccess } from "@/lib/observability/metrics-auth";
import { routeOf } from "@/lib/observability/routes";
import { createBucket, testOptions, uniqueName } from "@/testkit/moto";

function sink(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  return { stream, lines: () => chunks.join("").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("route patterns", () => {
  it("fold backend and workspace names into the pattern, and anything unknown into one label", () => {
    expect(routeOf("/b/prod-network?x=1")).toBe("/b/[backend]");
    expect(routeOf("/b/prod-network/w/default")).toBe("/b/[backend]/w/[workspace]");
    expect(routeOf("/b/prod/w/eu-1/versions/restore?version=abc")).toBe("/b/[backend]/w/[workspace]/versions/restore");
    expect(routeOf("/b/prod/w/eu-1/secret-name")).toBe("other");
    expect(routeOf("/_next/static/chunks/app.js")).toBe("/_next/static");
    expect(routeOf("/api/auth/callback/credentials")).toBe("/api/auth");
    expect(routeOf("/wp-admin/../etc/passwd")).toBe("other");
    expect(routeOf("/")).toBe("/");
  });
});

describe("request ids", () => {
  it("keeps a caller's plain token and replaces anything else", () => {
    expect(requestIdFrom("lb-1234.abc:9")).toBe("lb-1234.abc:9");
    for (const bad of ["", "with space", 'quote"', "x".repeat(129), "line\nbreak"]) {
      const id = requestIdFrom(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe("metrics token", () => {
  it("is off without a token, and lets in only the exact bearer token", () => {
    expect(metricsAccess("Bearer x", {})).toBe("disabled");
    const env = { STATEHOUSE_METRICS_TOKEN: "s3cr3t-token" };
    expect(metricsAccess("Bearer s3cr3t-token", env)).toBe("allowed");
    expect(metricsAccess("bearer s3cr3t-token", env)).toBe("allowed");
    expect(metricsAccess("Bearer s3cr3t-toke", env)).toBe("refused");
    expect(metricsAccess("Basic s3cr3t-token", env)).toBe("refused");
    expect(metricsAccess(null, env)).toBe("refused");
  });
});

describe("logger", () => {
  it("takes the level from LOG_LEVEL (info when unset or unknown)", () => {
    expect(logLevelFrom(undefined)).toBe("info");
    expect(logLevelFrom("DEBUG")).toBe("debug");
    expect(logLevelFrom("verbose")).toBe("info");
    const { stream, lines } = sink();
    const log = createLogger({ LOG_LEVEL: "warn" }, stream);
    log.info({ type: "request" }, "dropped");
    log.warn({ type: "request" }, "kept");
    expect(lines().map((l) => [l.level, l.msg])).toEqual([["warn", "kept"]]);
  });

  it("adds the request id and the replica, and redacts secret-named fields", () => {
    const { stream, lines } = sink();
    const log = createLogger({ STATEHOUSE_REPLICA: "r-1" }, stream);
    requestContextStore().run({ requestId: "req-42" }, () =>
      log.error({ type: "error", secret: "abc", error: { token: "t0k3n", name: "X" }, deep: { creds: { secretAccessKey: "k" } } }, "boom"),
    );
    log.info("outside");
    const [inside, outside] = lines();
    expect(inside).toMatchObject({ level: "error", requestId: "req-42", replica: "r-1", msg: "boom", secret: "[redacted]", error: { token: "[redacted]", name: "X" } });
    expect(inside!.deep).toEqual({ creds: { secretAccessKey: "[redacted]" } });
    expect(JSON.stringify(lines())).not.toMatch(/abc|t0k3n|"k"/);
    expect(outside!.requestId).toBeUndefined();
    expect(typeof inside!.time).toBe("string");
  });
});

describe("AWS call metrics", () => {
  it("counts each SDK call of the clients by operation and outcome", async () => {
    const bucket = uniqueName("metrics");
    await createBucket(bucket);
    const { s3 } = createClients(testOptions({ bucket, key: "x.tfstate" }));
    const count = async (operation: string, outcome: string) =>
      ((await metrics().awsCalls.get()).values.find((v) => v.labels.operation === operation && v.labels.outcome === outcome && v.labels.service === "s3")?.value ?? 0);
    const okBefore = await count("HeadBucket", "ok");
    const missingBefore = await count("HeadObject", "not_found");
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "absent" }))).rejects.toThrow();
    expect(await count("HeadBucket", "ok")).toBe(okBefore + 2);
    expect(await count("HeadObject", "not_found")).toBe(missingBefore + 1);
    const text = await metrics().registry.metrics();
    expect(text).toMatch(/statehouse_aws_call_duration_seconds_count\{service="s3",operation="HeadBucket"\} \d+/);
    expect(text).not.toContain(bucket);
  });
});
