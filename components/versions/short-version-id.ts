/** S3 version IDs are 32+ characters; the first 10 tell them apart in one key's history. */
export function shortVersionId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 10)}…` : id;
}
