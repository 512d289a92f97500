import { describe, expect, it } from "vitest";
import { iamPolicy, iamPolicyJson, type PolicyStatement } from "./iam-policy";

const base = { bucket: "acme-state", key: "network/terraform.tfstate", workspace_key_prefix: "env:" };

function actions(stmts: PolicyStatement[]): string[] {
  return stmts.flatMap((s) => s.Action).sort();
}
function byAction(stmts: PolicyStatement[], action: string): PolicyStatement[] {
  return stmts.filter((s) => s.Action.includes(action));
}

describe("iamPolicy", () => {
  it("read-only: lists with a prefix condition, reads state and lockfiles, never writes", () => {
    const p = iamPolicy(base, "read");
    expect(p.Version).toBe("2012-10-17");
    const list = byAction(p.Statement, "s3:ListBucket")[0]!;
    expect(list.Resource).toBe("arn:aws:s3:::acme-state");
    expect(list.Action).toContain("s3:ListBucketVersions");
    expect(list.Condition).toEqual({ StringLike: { "s3:prefix": ["network/terraform.tfstate", "env:/*"] } });
    const get = byAction(p.Statement, "s3:GetObjectVersion")[0]!;
    expect(get.Resource).toEqual(["arn:aws:s3:::acme-state/network/terraform.tfstate", "arn:aws:s3:::acme-state/env:/*/network/terraform.tfstate"]);
    expect(actions(p.Statement)).toEqual(["s3:GetBucketVersioning", "s3:GetObject", "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions"]);
    expect(JSON.stringify(p)).not.toMatch(/Put|Delete|dynamodb|kms/);
  });

  it("admin: adds PutObject on state keys and Put/Delete on .tflock only", () => {
    const p = iamPolicy(base, "admin");
    const put = byAction(p.Statement, "s3:PutObject");
    expect(put.map((s) => s.Resource)).toEqual([
      ["arn:aws:s3:::acme-state/network/terraform.tfstate", "arn:aws:s3:::acme-state/env:/*/network/terraform.tfstate"],
      ["arn:aws:s3:::acme-state/network/terraform.tfstate.tflock", "arn:aws:s3:::acme-state/env:/*/network/terraform.tfstate.tflock"],
    ]);
    const del = byAction(p.Statement, "s3:DeleteObject");
    expect(del).toHaveLength(1);
    expect((del[0]!.Resource as string[]).every((r) => r.endsWith(".tflock"))).toBe(true);
  });

  it("DynamoDB lock table: reads for read-only, Put/Delete for admin", () => {
    const withTable = { ...base, dynamodb_table: "tf-locks" };
    const read = byAction(iamPolicy(withTable, "read").Statement, "dynamodb:GetItem")[0]!;
    expect(read.Action.sort()).toEqual(["dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:GetItem"]);
    expect(read.Resource).toBe("arn:aws:dynamodb:*:*:table/tf-locks");
    const admin = byAction(iamPolicy(withTable, "admin").Statement, "dynamodb:GetItem")[0]!;
    expect(admin.Action).toEqual(expect.arrayContaining(["dynamodb:PutItem", "dynamodb:DeleteItem"]));
  });

  it("KMS: Decrypt to read, Encrypt and GenerateDataKey to write; bare key IDs become ARNs", () => {
    const arn = "arn:aws:kms:eu-west-1:111122223333:key/abcd";
    expect(byAction(iamPolicy({ ...base, kms_key_id: arn }, "read").Statement, "kms:Decrypt")[0]).toMatchObject({ Action: ["kms:Decrypt"], Resource: arn });
    expect(byAction(iamPolicy({ ...base, kms_key_id: arn }, "admin").Statement, "kms:Decrypt")[0]!.Action).toEqual(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]);
    expect(byAction(iamPolicy({ ...base, kms_key_id: "abcd", region: "eu-west-1" }, "read").Statement, "kms:Decrypt")[0]!.Resource).toBe("arn:aws:kms:eu-west-1:*:key/abcd");
  });

  it("custom and empty workspace prefixes", () => {
    const custom = iamPolicy({ ...base, workspace_key_prefix: "workspaces" }, "read");
    expect(byAction(custom.Statement, "s3:ListBucket")[0]!.Condition).toEqual({ StringLike: { "s3:prefix": ["network/terraform.tfstate", "workspaces/*"] } });
    expect(byAction(custom.Statement, "s3:GetObjectVersion")[0]!.Resource).toContain("arn:aws:s3:::acme-state/workspaces/*/network/terraform.tfstate");
    const empty = iamPolicy({ ...base, workspace_key_prefix: "" }, "read");
    expect(byAction(empty.Statement, "s3:ListBucket")[0]!.Condition).toBeUndefined();
    expect(byAction(empty.Statement, "s3:GetObjectVersion")[0]!.Resource).toContain("arn:aws:s3:::acme-state/*/network/terraform.tfstate");
  });

  it("serialises as indented JSON", () => {
    const json = iamPolicyJson(base, "read");
    expect(JSON.parse(json)).toEqual(iamPolicy(base, "read"));
    expect(json).toContain('\n  "Statement": [');
  });
});
