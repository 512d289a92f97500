import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { clientConfigFor, createClients, encryptionParamsForPut, sseCustomerParams } from "./clients";
import { parseGoDurationSeconds } from "@/lib/gocompat/duration";
import type { S3BackendOptions } from "@/lib/config/types";

const base: S3BackendOptions = { bucket: "b", key: "k", workspace_key_prefix: "env:" };
/** An isolated environment: nothing from the machine's AWS_* variables or ~/.aws leaks in. */
let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sh-aws-"));
  writeFileSync(path.join(dir, "config"), "[default]\nregion = eu-north-1\n\n[profile team]\nregion = ap-south-1 # comment\nsso_session = corp\n");
  writeFileSync(path.join(dir, "credentials"), "[team]\naws_access_key_id = AKIAFILE\naws_secret_access_key = secretfile\n");
  env = { HOME: dir, AWS_CONFIG_FILE: path.join(dir, "none"), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none") };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("clientConfigFor: region", () => {
  it("takes the option, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region", () => {
    const files = { shared_config_files: [path.join(dir, "config")] };
    expect(clientConfigFor({ ...base, region: "us-west-1" }, { ...env, AWS_REGION: "x" }).region).toBe("us-west-1");
    expect(clientConfigFor(base, { ...env, AWS_REGION: "eu-west-3", AWS_DEFAULT_REGION: "y" }).region).toBe("eu-west-3");
    expect(clientConfigFor(base, { ...env, AWS_DEFAULT_REGION: "ca-central-1" }).region).toBe("ca-central-1");
    expect(clientConfigFor({ ...base, ...files, profile: "team" }, env).region).toBe("ap-south-1");
    expect(clientConfigFor({ ...base, ...files }, env).region).toBe("eu-north-1");
    expect(clientConfigFor(base, { ...env, AWS_CONFIG_FILE: path.join(dir, "config"), AWS_PROFILE: "team" }).region).toBe("ap-south-1");
  });
  it("fails with a ConfigError naming region when there is none", () => {
    expect(() => clientConfigFor(base, env)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining("region") }));
  });
});

describe("clientConfigFor: endpoints, style, retries", () => {
  it("prefers the option over service env over AWS_ENDPOINT_URL", () => {
    const e = { ...env, AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: "http://all", AWS_ENDPOINT_URL_DYNAMODB: "http://ddb-env" };
    const plan = clientConfigFor({ ...base, endpoints: { s3: "http://s3-opt" } }, e);
    expect(plan.endpoints).toEqual({ s3: "http://s3-opt", dynamodb: "http://ddb-env", sts: "http://all" });
    expect(clientConfigFor(base, { ...env, AWS_REGION: "r" }).endpoints).toEqual({});
  });
  it("maps path style, FIPS, dual-stack and max_retries (default 5 retries = 6 attempts)", () => {
    const e = { ...env, AWS_REGION: "r" };
    expect(clientConfigFor(base, e)).toMatchObject({ forcePathStyle: false, useFipsEndpoint: false, useDualstackEndpoint: false, maxAttempts: 6, retryMode: "adaptive" });
    expect(clientConfigFor({ ...base, use_path_style: true, use_fips_endpoint: true, use_dualstack_endpoint: true, max_retries: 0 }, e)).toMatchObject({
      forcePathStyle: true,
      useFipsEndpoint: true,
      useDualstackEndpoint: true,
      maxAttempts: 1,
    });
    expect(() => clientConfigFor({ ...base, max_retries: -1 }, e)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });
});

describe("clientConfigFor: credentials", () => {
  const e = () => ({ ...env, AWS_REGION: "us-east-1" });
  it("uses static keys when given (and requires both)", () => {
    expect(clientConfigFor({ ...base, access_key: "AK", secret_key: "SK", token: "T", profile: "ignored" }, e()).credentials).toEqual({
      kind: "static",
      accessKeyId: "AK",
      secretAccessKey: "SK",
      sessionToken: "T",
    });
    expect(() => clientConfigFor({ ...base, access_key: "AK" }, e())).toThrow(expect.objectContaining({ message: expect.stringContaining("secret_key") }));
  });
  it("uses the profile with the given shared files, else the default chain", () => {
    const creds = path.join(dir, "credentials");
    const conf = path.join(dir, "config");
    expect(clientConfigFor({ ...base, profile: "team", shared_credentials_files: [creds], shared_config_files: [conf] }, e()).credentials).toEqual({
      kind: "profile",
      profile: "team",
      filepath: creds,
      configFilepath: conf,
    });
    expect(clientConfigFor(base, e()).credentials).toEqual({ kind: "chain" });
  });
  it("resolves a profile's keys from the shared credentials file through the SDK provider", async () => {
    const { s3 } = createClients(
      { ...base, profile: "team", shared_credentials_files: [path.join(dir, "credentials")], shared_config_files: [path.join(dir, "config")] },
      e(),
    );
    const creds = await s3.config.credentials();
    expect(creds).toMatchObject({ accessKeyId: "AKIAFILE", secretAccessKey: "secretfile" });
    s3.destroy();
  });
  it("builds assume_role parameters, with Go durations", () => {
    const plan = clientConfigFor(
      {
        ...base,
        assume_role: {
          role_arn: "arn:aws:iam::1:role/r",
          session_name: "s",
          duration: "1h30m",
          external_id: "x",
          policy: "{}",
          policy_arns: ["arn:p"],
          tags: { team: "net" },
          transitive_tag_keys: ["team"],
          source_identity: "me",
        },
      },
      e(),
    );
    expect(plan.credentials).toEqual({ kind: "chain" });
    expect(plan.assumeRole).toEqual({
      RoleArn: "arn:aws:iam::1:role/r",
      RoleSessionName: "s",
      DurationSeconds: 5400,
      ExternalId: "x",
      Policy: "{}",
      PolicyArns: [{ arn: "arn:p" }],
      Tags: [{ Key: "team", Value: "net" }],
      TransitiveTagKeys: ["team"],
      SourceIdentity: "me",
    });
  });
  it("uses web identity (token or token file) as the base credentials", () => {
    expect(clientConfigFor({ ...base, assume_role_with_web_identity: { role_arn: "arn:r", web_identity_token_file: "/t", duration: "15m" } }, e()).credentials).toEqual({
      kind: "web-identity",
      roleArn: "arn:r",
      durationSeconds: 900,
      tokenFile: "/t",
    });
    expect(() => clientConfigFor({ ...base, assume_role_with_web_identity: { role_arn: "r", web_identity_token: "a", web_identity_token_file: "b" } }, e())).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID" }),
    );
  });
});

describe("parseGoDurationSeconds", () => {
  it.each([
    ["1h", 3600],
    ["15m", 900],
    ["1h30m", 5400],
    ["1.5h", 5400],
    ["900s", 900],
    ["2h0m30s", 7230],
    ["1500ms", 1],
    ["0", 0],
  ])("%s = %i s", (text, want) => expect(parseGoDurationSeconds(text, "d")).toBe(want));
  it.each(["", "1", "h", "1d", "1h 30m", "abc"])("rejects %j naming the option", (text) => {
    expect(() => parseGoDurationSeconds(text, "assume_role.duration")).toThrow(expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining("assume_role.duration") }));
  });
});

describe("encryption parameters", () => {
  const key = Buffer.alloc(32, 1).toString("base64");
  it("SSE-C: algorithm, base64 key and key MD5; bad keys rejected", () => {
    expect(sseCustomerParams({})).toEqual({});
    expect(sseCustomerParams({ encrypt: true, sse_customer_key: key })).toEqual({
      SSECustomerAlgorithm: "AES256",
      SSECustomerKey: key,
      SSECustomerKeyMD5: createHash("md5").update(Buffer.alloc(32, 1)).digest("base64"),
    });
    expect(() => sseCustomerParams({ encrypt: true, sse_customer_key: "c2hvcnQ=" })).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });
  it("SSE-C only with encrypt = true, as the tools' reads and writes do", () => {
    expect(sseCustomerParams({ sse_customer_key: key })).toEqual({});
    expect(sseCustomerParams({ encrypt: false, sse_customer_key: key })).toEqual({});
    expect(encryptionParamsForPut({ sse_customer_key: key })).toEqual({});
  });
  it("put: KMS key, else SSE-C, else AES256 when encrypt; ACL", () => {
    expect(encryptionParamsForPut({})).toEqual({});
    expect(encryptionParamsForPut({ encrypt: true })).toEqual({ ServerSideEncryption: "AES256" });
    expect(encryptionParamsForPut({ encrypt: true, kms_key_id: "arn:k" })).toEqual({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: "arn:k" });
    expect(encryptionParamsForPut({ encrypt: true, sse_customer_key: key })).toMatchObject({ SSECustomerAlgorithm: "AES256", SSECustomerKey: key });
    expect(encryptionParamsForPut({ acl: "bucket-owner-full-control" })).toEqual({ ACL: "bucket-owner-full-control" });
  });
});
