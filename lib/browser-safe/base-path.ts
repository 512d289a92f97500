/**
 * The path prefix Statehouse is built to be served under (Next's `basePath`, from STATEHOUSE_BASE_PATH at build
 * time, e.g. "/statehouse" behind https://tools.example.com/statehouse), or "" at the root. Next prefixes its own
 * links, redirects and assets; this is for the addresses it does not see: sign-in redirects, cookies, next-auth's API.
 */
export const BASE_PATH: string = process.env.NEXT_PUBLIC_STATEHOUSE_BASE_PATH ?? "";

/** `path` (starting with "/") under the prefix. */
export function withBasePath(path: string): string {
  return `${BASE_PATH}${path}`;
}
