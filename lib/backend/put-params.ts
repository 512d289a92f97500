/** The parameters of every object the tools put (state and `.tflock`): content type, checksum, encryption, ACL. */
import type { ObjectCannedACL, PutObjectCommandInput } from "@aws-sdk/client-s3";
import { encryptionParamsForPut } from "@/lib/aws/clients";
import type { S3BackendOptions } from "@/lib/config/types";

export function objectPutParams(options: S3BackendOptions): Pick<PutObjectCommandInput, "ContentType" | "ChecksumAlgorithm" | "ServerSideEncryption" | "SSEKMSKeyId" | "SSECustomerAlgorithm" | "SSECustomerKey" | "SSECustomerKeyMD5" | "ACL"> {
  const { ACL, ...encryption } = encryptionParamsForPut(options);
  return {
    ContentType: "application/json",
    ...(options.skip_s3_checksum ? {} : { ChecksumAlgorithm: "SHA256" as const }),
    ...encryption,
    ...(ACL ? { ACL: ACL as ObjectCannedACL } : {}),
  };
}
