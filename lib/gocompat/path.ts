/** Go's `path` package as the s3 backend uses it to build state keys (lexical, "/" only). Pure. */

/** Go's path.Clean: lexical, so "a//b" → "a/b", "a/./b" → "a/b", "a/../b" → "b", no trailing slash. */
export function goPathClean(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}

/** Go's path.Join: non-empty elements joined by "/", then cleaned; "" when all are empty. */
export function goPathJoin(...elems: string[]): string {
  const nonEmpty = elems.filter((e) => e !== "");
  return nonEmpty.length === 0 ? "" : goPathClean(nonEmpty.join("/"));
}
