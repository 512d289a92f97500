import { describe, expect, it } from "vitest";
import type { S3BackendOptions } from "@/lib/config/types";
import { StatehouseError } from "@/lib/errors";
import { fixtureState } from "./__fixtures__/load";
import { SENSITIVE_MARKER } from "./mask";
import { flatOutputAttributes, maskSensitive, NO_REMOTE_STATE_NOTE, outputReference, remoteStateOutputs, remoteStateSnippet } from "./remote-state";

const base: S3BackendOptions = { bucket: "acme-state", key: "network/terraform.tfstate", region: "eu-west-1", workspace_key_prefix: "env:", dynamodb_table: "locks", use_lockfile: true, encrypt: true, kms_key_id: "arn:aws:kms:eu-west-1:1:key/x", access_key: "AKIA", secret_key: "SECRET" };

describe("remoteStateOutputs", () => {
  const state = fixtureState("v4-full.tfstate");

  it("exposes root outputs with types and sensitivity, values unmasked", () => {
    const { outputs, note } = remoteStateOutputs(state);
    expect(note).toBeUndefined();
    expect(Object.keys(outputs)).toEqual(["db_password", "network", "subnet_ids", "vpc-id"]);
    expect(outputs.db_password).toEqual({ name: "db_password", value: "hunter2-very-secret", type: "string", typeExpression: "string", sensitive: true });
    expect(outputs.network?.typeExpression).toBe("object({ cidr = string, ports = tuple([number, number]), tags = map(string) })");
  });

  it("fills names the state lacks from defaults; state values win", () => {
    const { outputs } = remoteStateOutputs(state, { "vpc-id": "default-vpc", extra: { a: [1] } });
    expect(outputs["vpc-id"]?.value).toBe("vpc-123");
    expect(outputs.extra).toMatchObject({ value: { a: [1] }, typeExpression: "object({ a = tuple([number]) })", fromDefaults: true, sensitive: false });
  });

  it("no state gives no outputs and Terraform's note", () => {
    expect(remoteStateOutputs(null, { a: 1 })).toEqual({ outputs: {}, note: NO_REMOTE_STATE_NOTE });
    expect(NO_REMOTE_STATE_NOTE).toContain("Unable to find remote state");
  });

  it("maskSensitive hides every part of sensitive values", () => {
    const masked = maskSensitive(remoteStateOutputs(state).outputs);
    expect(masked.db_password?.value).toBe(SENSITIVE_MARKER);
    expect(JSON.stringify(masked)).not.toContain("hunter2");
    expect(masked.subnet_ids?.value).toEqual(["subnet-aaa", "subnet-bbb"]);
  });

  it("flatOutputAttributes lists nested values with counts and masks sensitive ones", () => {
    expect(flatOutputAttributes(remoteStateOutputs(state).outputs)).toEqual([
      `outputs.db_password = ${SENSITIVE_MARKER}`,
      "outputs.network.% = 3",
      'outputs.network.cidr = "10.0.0.0/16"',
      "outputs.network.ports.# = 2",
      "outputs.network.ports.0 = 80",
      "outputs.network.ports.1 = 443",
      "outputs.network.tags.% = 1",
      'outputs.network.tags.env = "prod"',
      "outputs.subnet_ids.# = 2",
      'outputs.subnet_ids.0 = "subnet-aaa"',
      'outputs.subnet_ids.1 = "subnet-bbb"',
      'outputs.vpc-id = "vpc-123"',
    ]);
  });
});

describe("outputReference", () => {
  it("uses attribute syntax for identifiers and index syntax otherwise", () => {
    expect(outputReference("net", "vpc_id")).toBe("data.terraform_remote_state.net.outputs.vpc_id");
    expect(outputReference("net", "vpc-id")).toBe('data.terraform_remote_state.net.outputs["vpc-id"]');
    expect(outputReference("net", "1st")).toBe('data.terraform_remote_state.net.outputs["1st"]');
  });
});

describe("remoteStateSnippet", () => {
  it("default workspace, default prefix: bucket/key/region only, aligned", () => {
    expect(remoteStateSnippet(base, "default", "network")).toBe(
      ['data "terraform_remote_state" "network" {', '  backend = "s3"', "  config = {", '    bucket = "acme-state"', '    key    = "network/terraform.tfstate"', '    region = "eu-west-1"', "  }", "}", ""].join("\n"),
    );
  });

  it("named workspace and a custom prefix", () => {
    expect(remoteStateSnippet({ ...base, workspace_key_prefix: "workspaces" }, "prod")).toBe(
      [
        'data "terraform_remote_state" "this" {',
        '  backend = "s3"',
        "  config = {",
        '    bucket               = "acme-state"',
        '    key                  = "network/terraform.tfstate"',
        '    region               = "eu-west-1"',
        '    workspace_key_prefix = "workspaces"',
        "  }",
        '  workspace = "prod"',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("prints an explicitly empty prefix", () => {
    expect(remoteStateSnippet({ ...base, workspace_key_prefix: "" }, "dev")).toContain('    workspace_key_prefix = ""\n');
  });

  it("includes what a read needs, with nested objects, and never prints secrets", () => {
    const hcl = remoteStateSnippet(
      {
        ...base,
        endpoints: { s3: "http://minio:9000" },
        use_path_style: true,
        skip_credentials_validation: true,
        assume_role: { role_arn: "arn:aws:iam::1:role/reader", session_name: "sh" },
        sse_customer_key: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk=",
      },
      "default",
    );
    expect(hcl).toBe(
      [
        'data "terraform_remote_state" "this" {',
        '  backend = "s3"',
        "  config = {",
        '    bucket = "acme-state"',
        '    key    = "network/terraform.tfstate"',
        '    region = "eu-west-1"',
        "    endpoints = {",
        '      s3 = "http://minio:9000"',
        "    }",
        "    use_path_style = true",
        "    assume_role = {",
        '      role_arn     = "arn:aws:iam::1:role/reader"',
        '      session_name = "sh"',
        "    }",
        "    skip_credentials_validation = true",
        "    # The SSE-C key is a secret: pass it in a variable, never in code. It is sent only with encrypt = true.",
        "    encrypt          = true",
        "    sse_customer_key = var.sse_customer_key",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    for (const secret of ["QUJDREVG", "SECRET", "AKIA", "dynamodb_table", "use_lockfile", "kms_key_id"]) expect(hcl).not.toContain(secret);
  });

  it("leaves out a customer key the backend does not use (no encrypt), as terraform ignores it then", () => {
    const hcl = remoteStateSnippet({ ...base, encrypt: undefined, kms_key_id: undefined, sse_customer_key: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk=" }, "default");
    expect(hcl).not.toContain("sse_customer_key");
    expect(hcl).not.toContain("encrypt");
  });

  it("prints a web identity token as a variable and odd values safely", () => {
    const hcl = remoteStateSnippet(
      { ...base, workspace_key_prefix: "a${b}", assume_role_with_web_identity: { role_arn: "arn:r", web_identity_token: "eyJ-token" }, endpoints: { raw: "http://x" } as never },
      "default",
    );
    expect(hcl).not.toContain("eyJ-token");
    expect(hcl).toContain("      web_identity_token = var.web_identity_token\n");
    expect(hcl).toContain('    workspace_key_prefix = "a$${b}"\n');
    expect(hcl).toContain('      raw = "http://x"\n');
  });

  it("rejects an invalid data source name", () => {
    expect(() => remoteStateSnippet(base, "default", "bad name")).toThrow(StatehouseError);
  });
});
