import "server-only";
/**
 * One GetObject of a current state object as a listing saw it (`If-Match` its ETag): the index's
 * read, half the calls of readObject's HeadObject + GetObject. The size is checked from the
 * response headers before the body is read, so an oversized object is never downloaded.
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { TooLargeError } from "@/lib/errors";
import { awsCall, s3Arn } from "@/lib/aws/errors";
import { sseCustomerParams } from "@/lib/aws/clients";
import type { BackendContext } from "./context";

export interface CurrentBytes {
  bytes: Uint8Array;
  etag: string;
  metadata: Record<string, string>;
}

/**
 * PreconditionFailedError when the object changed since it was listed (the next refresh reads it).
 * `versionId`: a listed version instead (immutable: no ETag needed), as history and changes read them.
 */
export async function readListedObject(ctx: BackendContext, key: string, etag: string | undefined, maxBytes: number, versionId?: string): Promise<CurrentBytes> {
  const { bucket } = ctx.def.options;
  const sse = sseCustomerParams(ctx.def.options);
  return awsCall({ action: "s3:GetObject", resource: s3Arn(bucket, key), bucket, sseCustomerKey: sse.SSECustomerKey !== undefined }, async () => {
    const res = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: etag, VersionId: versionId, ...sse }));
    const size = res.ContentLength ?? 0;
    if (size > maxBytes) {
      // Close the connection rather than download what will be refused.
      (res.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new TooLargeError(`s3://${bucket}/${key}`, size, maxBytes);
    }
    const bytes = res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
    return { bytes, etag: res.ETag ?? etag ?? "", metadata: res.Metadata ?? {} };
  });
}
