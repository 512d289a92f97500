/** A base that no real request has: only what resolves onto it is a same-site path. */
const BASE = "http://statehouse.invalid";

/**
 * The sign-in page's `callbackUrl` reduced to a same-site path (else "/"), so the page is no open
 * redirect. The value is resolved as a browser would (which drops tabs and newlines anywhere and
 * reads "\" as "/"), and the normalised path is returned: checking the raw prefix is not enough,
 * "/\t/evil.example" passes such a check and the browser then goes to //evil.example.
 */
export function safeCallbackPath(value: string | undefined): string {
  if (!value?.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  // "/.//evil.example" resolves on our origin but its path "//evil.example" would not, once sent on.
  if (url.origin !== BASE || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
