/**
 * Calls server actions over raw HTTP, as an attacker with (or without) a session could, bypassing
 * every control the UI hides. Action ids come from the build's server reference manifest
 * (`next build` runs before the e2e suite); the body is the RSC encoding of plain JSON arguments.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { request, type APIRequestContext } from "@playwright/test";
import type { Role } from "@/lib/auth/types";
import { baseURL } from "../../playwright.config";
import { storageStateFor } from "./helpers";

const MANIFEST = path.join(__dirname, "..", "..", ".next", "server", "server-reference-manifest.json");

interface ManifestEntry {
  filename: string;
  exportedName: string;
  workers: Record<string, unknown>;
}

let manifest: Record<string, ManifestEntry> | null = null;

/** The action's id and the pages (route files, e.g. `app/(dashboard)/audit/page`) whose bundle holds it. */
export function actionRef(filename: string, exportedName: string): { id: string; pages: string[] } {
  manifest ??= (JSON.parse(readFileSync(MANIFEST, "utf-8")) as { node: Record<string, ManifestEntry> }).node;
  const found = Object.entries(manifest).find(([, e]) => e.filename === filename && e.exportedName === exportedName);
  if (!found) throw new Error(`${filename}#${exportedName} is not in ${MANIFEST}: run next build first`);
  return { id: found[0], pages: Object.keys(found[1].workers) };
}

/** A route file's URL with its dynamic segments filled in; route groups `(x)` are not part of URLs. */
export function pageUrl(routeFile: string, params: Record<string, string>): string {
  const segments = routeFile
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s))
    .map((s) => {
      const m = /^\[(\w+)\]$/.exec(s);
      if (!m) return s;
      const value = params[m[1]!];
      if (value === undefined) throw new Error(`no value for [${m[1]}] in ${routeFile}`);
      return encodeURIComponent(value);
    });
  return `/${segments.join("/")}`;
}

/** An HTTP client with a demo role's session cookie, or none; redirects are reported, not followed. */
export function httpClient(role: Role | null): Promise<APIRequestContext> {
  return request.newContext({ baseURL, maxRedirects: 0, ...(role ? { storageState: storageStateFor(role) } : {}) });
}

export interface ActionResponse {
  status: number;
  /** Where a redirect points (the proxy sends visitors without a session to /signin). */
  location: string | null;
  /** The action's return value, when the action ran and answered. */
  result: unknown;
  /** The raw response body, to search for what must not be in it. */
  body: string;
}

/** The RSC payload's rows (`<id>:<json>`); row 0 names the action's result as `"$@<row>"` or holds it. */
function actionResult(body: string): unknown {
  const rows = new Map<string, unknown>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):([[{].*)$/.exec(line);
    if (m) rows.set(m[1]!, JSON.parse(m[2]!));
  }
  const root = rows.get("0") as { a?: unknown } | undefined;
  if (!root || !("a" in root)) return undefined;
  const ref = typeof root.a === "string" ? /^\$@([0-9a-f]+)$/.exec(root.a) : null;
  return ref ? rows.get(ref[1]!) : root.a;
}

/** POSTs one server action call to a page URL, as the browser's action client does, with a same-origin Origin. */
export async function callAction(client: APIRequestContext, url: string, actionId: string, args: unknown[]): Promise<ActionResponse> {
  const res = await client.post(url, {
    headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL },
    data: JSON.stringify(args),
  });
  const body = await res.text();
  return { status: res.status(), location: res.headers()["location"] ?? null, result: res.status() === 200 ? actionResult(body) : undefined, body };
}
