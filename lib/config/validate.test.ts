import { describe, expect, it } from "vitest";
import { ConfigError, type ConfigProblem } from "@/lib/errors";
import { checkBackendOptions, validateBackendOptions } from "./validate";

const base = { bucket: "b", key: "k.tfstate" };
const SSEC = Buffer.alloc(32, 7).toString("base64");

function problems(input: Record<string, unknown>): ConfigProblem[] {
  return checkBackendOptions(input).problems;
}
function expectProblem(input: Record<string, unknown>, option: string, message: RegExp) {
  const ps = problems(input);
  expect(ps, JSON.stringify(ps)).toContainEqual(expect.objectContaining({ option, message: expect.stringMatching(message) }));
}

describe("validateBackendOptions", () => {
  it("accepts a minimal config and defaults workspace_key_prefix to env:", () => {
    expect(validateBackendOptions(base).options).toEqual({ ...base, workspace_key_prefix: "env:" });
  });

  it("honours an explicit empty workspace_key_prefix", () => {
    expect(validateBackendOptions({ ...base, workspace_key_prefix: "" }).options.workspace_key_prefix).toBe("");
  });

  it("requires bucket and key, reporting both at once in one ConfigError", () => {
    let err: unknown;
    try {
      validateBackendOptions({ region: "us-east-1" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.code).toBe("CONFIG_INVALID");
    expect(e.problems.map((p) => [p.option, p.message])).toEqual([
      ["bucket", "is required"],
      ["key", "is required"],
    ]);
    expect(e.message).toBe("bucket: is required; key: is required");
  });

  it("rejects an empty bucket", () => expectProblem({ ...base, bucket: "" }, "bucket", /must not be empty/));

  it.each([
    ["", /must not be empty/],
    ["/abs.tfstate", /must not start or end with "\/"/],
    ["dir/", /must not start or end with "\/"/],
    ["a//b.tfstate", /must not contain "\/\/"/],
    ["x".repeat(1025), /at most 1024/],
  ])("rejects key %j", (key, msg) => expectProblem({ ...base, key }, "key", msg));

  it.each(["/env", "env/", "/"])("rejects workspace_key_prefix %j", (p) => expectProblem({ ...base, workspace_key_prefix: p }, "workspace_key_prefix", /must not start or end/));

  it("accepts a nested key and prefix", () => {
    expect(validateBackendOptions({ bucket: "b", key: "a/b/c.tfstate", workspace_key_prefix: "ws/x" }).options.key).toBe("a/b/c.tfstate");
  });

  it("rejects kms_key_id together with sse_customer_key", () => {
    expectProblem({ ...base, kms_key_id: "alias/state", sse_customer_key: SSEC }, "kms_key_id", /together with "sse_customer_key"/);
  });

  it("accepts each KMS key form and rejects others", () => {
    for (const k of ["alias/state", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:us-east-1:123456789012:alias/x", "1234abcd-12ab-34cd-56ef-1234567890ab", `mrk-${"a".repeat(32)}`]) {
      expect(problems({ ...base, kms_key_id: k }), k).toEqual([]);
    }
    expectProblem({ ...base, kms_key_id: "not a key" }, "kms_key_id", /KMS key ID/);
  });

  it("checks sse_customer_key length and encoding without echoing it", () => {
    expect(problems({ ...base, sse_customer_key: SSEC })).toEqual([]);
    expectProblem({ ...base, sse_customer_key: "c2hvcnQ=" }, "sse_customer_key", /must be 44 characters.*not 8/);
    const bad = "!".repeat(43) + "=";
    expectProblem({ ...base, sse_customer_key: bad }, "sse_customer_key", /base64 encoding of a 32-byte key/);
    expect(JSON.stringify(problems({ ...base, sse_customer_key: bad }))).not.toContain(bad);
  });

  it("converts strings to bools and numbers as Terraform does, and rejects the rest", () => {
    const { options } = validateBackendOptions({ ...base, encrypt: "true", use_lockfile: false, max_retries: "3" });
    expect(options).toMatchObject({ encrypt: true, use_lockfile: false, max_retries: 3 });
    expectProblem({ ...base, encrypt: "yes" }, "encrypt", /must be a boolean/);
    expectProblem({ ...base, max_retries: "many" }, "max_retries", /must be a number/);
    expectProblem({ ...base, max_retries: 1.5 }, "max_retries", /whole number/);
    expectProblem({ ...base, max_retries: -1 }, "max_retries", /whole number/);
    expectProblem({ ...base, bucket: ["a"] }, "bucket", /must be a string, not a list/);
    expectProblem({ ...base, region: { a: 1 } }, "region", /must be a string, not an object/);
  });

  it("checks list(string) and map(string) options", () => {
    expect(validateBackendOptions({ ...base, shared_config_files: ["a", "b"], allowed_account_ids: [123456789012], state_tags: { a: "b", n: 1 } }).options).toMatchObject({
      shared_config_files: ["a", "b"],
      allowed_account_ids: ["123456789012"],
      state_tags: { a: "b", n: "1" },
    });
    expectProblem({ ...base, shared_credentials_files: "one" }, "shared_credentials_files", /list of strings/);
    expectProblem({ ...base, shared_config_files: [{ a: 1 }] }, "shared_config_files", /some elements are not strings/);
    expectProblem({ ...base, lock_tags: ["a"] }, "lock_tags", /map of strings/);
    expectProblem({ ...base, state_tags: { a: ["x"] } }, "state_tags", /some values are not strings/);
  });

  it("rejects allowed_account_ids with forbidden_account_ids", () => {
    expectProblem({ ...base, allowed_account_ids: ["1"], forbidden_account_ids: ["2"] }, "allowed_account_ids", /forbidden_account_ids/);
  });

  it("checks enumerations", () => {
    expect(problems({ ...base, retry_mode: "adaptive", ec2_metadata_service_endpoint_mode: "IPv6" })).toEqual([]);
    expectProblem({ ...base, retry_mode: "fast" }, "retry_mode", /one of "standard", "adaptive"/);
    expectProblem({ ...base, ec2_metadata_service_endpoint_mode: "ipv4" }, "ec2_metadata_service_endpoint_mode", /"IPv4", "IPv6"/);
    expectProblem({ ...base, region: "" }, "region", /must not be empty/);
  });

  it("accepts the nested objects in attribute form", () => {
    const { options } = validateBackendOptions({
      ...base,
      assume_role: { role_arn: "arn:aws:iam::123456789012:role/r", duration: "1h30m", tags: { a: "b" }, policy_arns: ["arn:aws:iam::aws:policy/X"] },
      assume_role_with_web_identity: { role_arn: "arn:aws:iam::123456789012:role/w", web_identity_token_file: "/t" },
      endpoints: { s3: "http://localhost:5000", dynamodb: "https://ddb.example" },
    });
    expect(options.assume_role).toEqual({ role_arn: "arn:aws:iam::123456789012:role/r", duration: "1h30m", tags: { a: "b" }, policy_arns: ["arn:aws:iam::aws:policy/X"] });
    expect(options.assume_role_with_web_identity).toEqual({ role_arn: "arn:aws:iam::123456789012:role/w", web_identity_token_file: "/t" });
    expect(options.endpoints).toEqual({ s3: "http://localhost:5000", dynamodb: "https://ddb.example" });
  });

  it("refuses every option written as a block, as terraform and tofu do (their s3 schema has attributes only)", () => {
    const blocks: Record<string, unknown> = {
      endpoints: [{ s3: "http://localhost:5000" }],
      assume_role: [{ role_arn: "arn:aws:iam::123456789012:role/r" }],
      assume_role_with_web_identity: [{ role_arn: "arn:aws:iam::123456789012:role/w", web_identity_token_file: "/t" }],
      bucket: [{}],
      skip_region_validation: [{}],
    };
    for (const [name, value] of Object.entries(blocks)) {
      const ps = problems({ ...base, [name]: value });
      expect(ps).toEqual([
        { option: name, message: `Blocks of type "${name}" are not expected here. Did you mean to define argument "${name}"? If so, use the equals sign to assign it a value.` },
      ]);
    }
    expectProblem({ ...base, assume_role: { role_arn: "arn:aws:iam::1:role/r", tags: [{ a: "b" }] } }, "assume_role.tags", /^Blocks of type "tags" are not expected here\. Did you mean to define argument "tags"\?/);
  });

  it("reports bad nested blocks by their attribute path", () => {
    expectProblem({ ...base, assume_role: { session_name: "x" } }, "assume_role.role_arn", /is required/);
    expectProblem({ ...base, assume_role: { role_arn: "arn:aws:iam::1:role/r", rol_arn: "x" } }, "assume_role.rol_arn", /unknown attribute of assume_role "rol_arn"; did you mean "role_arn"\?/);
    expectProblem({ ...base, assume_role: { role_arn: "not-an-arn" } }, "assume_role.role_arn", /must be an ARN/);
    expectProblem({ ...base, assume_role: { role_arn: "arn:aws:iam::1:role/r", duration: "5m" } }, "assume_role.duration", /between 15m and 12h/);
    expectProblem({ ...base, assume_role: { role_arn: "arn:aws:iam::1:role/r", duration: "1 hour" } }, "assume_role.duration", /is not a duration/);
    expectProblem({ ...base, assume_role: { role_arn: "arn:aws:iam::1:role/r", policy_arns: ["nope"] } }, "assume_role.policy_arns", /"nope" is not an ARN/);
    expectProblem({ ...base, assume_role: "arn:aws:iam::1:role/r" }, "assume_role", /must be an object/);
    expectProblem({ ...base, assume_role_with_web_identity: {} }, "assume_role_with_web_identity.role_arn", /is required/);
    expectProblem({ ...base, endpoints: { s3: "localhost:5000" } }, "endpoints.s3", /http:\/\/ or https:\/\//);
    expectProblem({ ...base, endpoints: { s4: "http://x" } }, "endpoints.s4", /did you mean "s3"/);
  });

  it("reports unknown options with a suggestion, never drops them", () => {
    expectProblem({ ...base, buckt: "x" }, "buckt", /^unknown option "buckt"; did you mean "bucket"\?$/);
    expectProblem({ ...base, completely_different: 1 }, "completely_different", /^unknown option "completely_different"$/);
  });

  it("maps legacy options into their current form, with deprecation warnings", () => {
    const { options, warnings } = validateBackendOptions({
      ...base,
      endpoint: "http://s3.local",
      dynamodb_endpoint: "http://ddb.local",
      sts_endpoint: "http://sts.local",
      iam_endpoint: "http://iam.local",
      force_path_style: "true",
      role_arn: "arn:aws:iam::123456789012:role/legacy",
      session_name: "s",
      external_id: "e",
      assume_role_duration_seconds: 3600,
      assume_role_policy: "{}",
      assume_role_policy_arns: ["arn:aws:iam::aws:policy/X"],
      assume_role_tags: { a: "b" },
      assume_role_transitive_tag_keys: ["a"],
      shared_credentials_file: "/creds",
    });
    expect(options.endpoints).toEqual({ s3: "http://s3.local", dynamodb: "http://ddb.local", sts: "http://sts.local", iam: "http://iam.local" });
    expect(options.use_path_style).toBe(true);
    expect(options.assume_role).toEqual({
      role_arn: "arn:aws:iam::123456789012:role/legacy",
      session_name: "s",
      external_id: "e",
      duration: "3600s",
      policy: "{}",
      policy_arns: ["arn:aws:iam::aws:policy/X"],
      tags: { a: "b" },
      transitive_tag_keys: ["a"],
    });
    expect(options.shared_credentials_files).toEqual(["/creds"]);
    for (const legacy of ["endpoint", "force_path_style", "role_arn", "shared_credentials_file"]) expect(options).not.toHaveProperty(legacy);
    expect(warnings).toContainEqual({ option: "force_path_style", message: 'is deprecated; use "use_path_style"' });
    expect(warnings).toContainEqual({ option: "endpoint", message: 'is deprecated; use "endpoints.s3"' });
    expect(warnings).toHaveLength(14);
  });

  it("rejects a legacy option set together with its current form", () => {
    expectProblem({ ...base, force_path_style: true, use_path_style: false }, "force_path_style", /together with "use_path_style"/);
    expectProblem({ ...base, endpoint: "http://a", endpoints: { s3: "http://b" } }, "endpoint", /together with "endpoints.s3"/);
    expectProblem({ ...base, role_arn: "arn:aws:iam::1:role/a", assume_role: { role_arn: "arn:aws:iam::1:role/b" } }, "role_arn", /together with "assume_role.role_arn"/);
    expectProblem({ ...base, session_name: "only" }, "assume_role.role_arn", /is required/);
    expectProblem({ ...base, assume_role_duration_seconds: "long" }, "assume_role_duration_seconds", /must be a number/);
  });

  it("merges a legacy endpoint into a current endpoints block without clobbering it", () => {
    expect(validateBackendOptions({ ...base, endpoints: { s3: "http://s3" }, dynamodb_endpoint: "http://ddb" }).options.endpoints).toEqual({ s3: "http://s3", dynamodb: "http://ddb" });
  });

  it("treats null as unset, and skips options that could not be evaluated", () => {
    expect(problems({ ...base, region: null })).toEqual([]);
    expect(checkBackendOptions({ key: "k" }, { unevaluated: new Set(["bucket"]) }).problems).toEqual([]);
  });

  it("warns that sse_customer_key is unused without encrypt = true (as in the tools), never echoing the key", () => {
    const key = Buffer.alloc(32, 3).toString("base64");
    const { warnings } = validateBackendOptions({ ...base, sse_customer_key: key });
    expect(warnings).toEqual([{ option: "sse_customer_key", message: expect.stringContaining("encrypt = true") }]);
    expect(JSON.stringify(warnings)).not.toContain(key);
    expect(validateBackendOptions({ ...base, encrypt: "true", sse_customer_key: key }).warnings).toEqual([]);
  });

  it("names the source of an option in its problem", () => {
    const r = checkBackendOptions({ ...base, key: "/x" }, { sources: new Map([["key", "backend.hcl"]]) });
    expect(r.problems).toEqual([{ option: "key", message: 'must not start or end with "/"', source: "backend.hcl" }]);
  });
});
