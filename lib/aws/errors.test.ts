import { describe, expect, it } from "vitest";
import { S3ServiceException } from "@aws-sdk/client-s3";
import { mapAwsError } from "./errors";
import { NotFoundError } from "@/lib/errors";

/** Errors shaped as the SDK deserialises them (name, $fault, $metadata.httpStatusCode, message). */
function sdkError(name: string, status: number, message = name): Error {
  return new S3ServiceException({ name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status }, message });
}
const info = { action: "s3:GetObject", resource: "arn:aws:s3:::b/k", bucket: "b" };

describe("mapAwsError", () => {
  it.each([
    ["AccessDenied", 403, "ACCESS_DENIED"],
    ["NoSuchBucket", 404, "BUCKET_MISSING"],
    ["NoSuchKey", 404, "NOT_FOUND"],
    ["NoSuchVersion", 404, "NOT_FOUND"],
    ["NotFound", 404, "NOT_FOUND"],
    ["PreconditionFailed", 412, "PRECONDITION_FAILED"],
    ["SlowDown", 503, "THROTTLED"],
    ["ThrottlingException", 400, "THROTTLED"],
    ["ProvisionedThroughputExceededException", 400, "THROTTLED"],
    ["InternalError", 500, "UPSTREAM"],
  ])("%s (%i) → %s", (name, status, code) => {
    expect(mapAwsError(sdkError(name, status), info).code).toBe(code);
  });
  it("names the action and resource on AccessDenied", () => {
    const e = mapAwsError(sdkError("AccessDenied", 403), { action: "s3:ListBucket", resource: "arn:aws:s3:::b" });
    expect(e.message).toBe("Access denied: s3:ListBucket on arn:aws:s3:::b.");
  });
  it("recognises KMS and SSE-C key problems", () => {
    expect(mapAwsError(sdkError("AccessDenied", 403, "User is not authorized to perform: kms:Decrypt"), info).code).toBe("ENCRYPTION_KEY");
    const noKey = mapAwsError(sdkError("InvalidRequest", 400, "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."), {
      ...info,
      sseCustomerKey: false,
    });
    expect(noKey).toMatchObject({ code: "ENCRYPTION_KEY", hint: expect.stringContaining("sse_customer_key") });
    const wrong = mapAwsError(sdkError("AccessDenied", 403, "The calculated MD5 hash of the key did not match the hash that was provided."), { ...info, sseCustomerKey: true });
    expect(wrong.code).toBe("ENCRYPTION_KEY");
  });
  it("does not take a key or bucket named like kms for a KMS problem", () => {
    const msg = 'User: arn:aws:sts::123456789012:assumed-role/ci/x is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::acme-kms/teams/KMS/terraform.tfstate"';
    expect(mapAwsError(sdkError("AccessDenied", 403, msg), { ...info, resource: "arn:aws:s3:::acme-kms/teams/KMS/terraform.tfstate" })).toMatchObject({
      code: "ACCESS_DENIED",
      message: expect.stringContaining("s3:GetObject"),
    });
    expect(mapAwsError(sdkError("KMS.DisabledException", 400, "key disabled"), info).code).toBe("ENCRYPTION_KEY");
    expect(mapAwsError(sdkError("AccessDenied", 403, "The ciphertext refers to a customer master key that does not exist: the KMS key is pending deletion"), info).code).toBe("ENCRYPTION_KEY");
  });
  it("maps network failures to UpstreamError and passes typed errors through", () => {
    const net = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(mapAwsError(net, info)).toMatchObject({ code: "UPSTREAM", message: expect.stringContaining("Could not reach AWS") });
    const typed = new NotFoundError("x");
    expect(mapAwsError(typed, info)).toBe(typed);
    expect(mapAwsError("weird", info).code).toBe("UPSTREAM");
  });
});
