import { expect, test, type APIRequestContext } from "@playwright/test";
import { uniqueName } from "@/testkit/moto";
import { deepState } from "@/testkit/deep-state";
import { demoBackend, writeHistory } from "./support/estate";
import { actionRef, callAction, httpClient, pageUrl, type ActionResponse } from "./support/server-actions";

/**
 * A state holding an attribute (and an output) nested 100,000 levels deep: every page and every
 * action that reads it must finish its response with a clear answer, never hang on a stack overflow.
 */

const net = demoBackend("prod-network");
const TOO_DEEP = /nested more than 1,000 levels deep/;

let admin: APIRequestContext;
let ws: string;
let good: string;
let deep: string;

test.beforeAll(async () => {
  admin = await httpClient("admin");
  ws = uniqueName("e2e-deep");
  good = (await writeHistory(net, ws, 91, 1))[0]!.versionId;
  ({ versionId: deep } = await net.writer.apply(ws, deepState(100_000, { serial: 2 })));
});
test.afterAll(async () => {
  await admin.dispose();
});

function call(file: string, name: string, args: Record<string, unknown>): Promise<ActionResponse> {
  const { id, pages } = actionRef(file, name);
  return callAction(admin, pageUrl(pages[0]!, { backend: net.name, workspace: ws }), id, [args]);
}

function expectUnreadable(res: ActionResponse) {
  expect(res.status, res.body.slice(0, 300)).toBe(200);
  expect(res.result).toMatchObject({ ok: false, error: { code: "STATE_UNREADABLE", message: expect.stringMatching(/nested more than 1,000 levels|not a readable state \(corrupt\)/) } });
}

for (const tab of ["state", "outputs", "diff", "versions"]) {
  test(`the ${tab} page answers in full`, async () => {
    const res = await admin.get(`/b/${net.name}/w/${ws}/${tab}`);
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toContain("</html>");
    expect(html).not.toContain("Maximum call stack");
    if (tab === "state" || tab === "outputs") expect(html).toMatch(TOO_DEEP);
    if (tab === "diff") expect(html).toContain("No structural comparison");
    expect(html).not.toContain("deep-secret-pw");
  });
}

test("get-instance and reveal-sensitive refuse the state clearly", async () => {
  expectUnreadable(await call("app/actions/get-instance.ts", "getInstanceAction", { backend: net.name, workspace: ws, address: "aws_instance.deep" }));
  const reveal = await call("app/actions/reveal-sensitive.ts", "revealSensitiveAction", { backend: net.name, workspace: ws, resource: "aws_instance.deep", path: ["password"] });
  expect(reveal.body).not.toContain("deep-secret-pw");
  expectUnreadable(reveal);
});

test("get-text-diff says the version is too deeply nested, not that it is not JSON", async () => {
  const res = await call("app/actions/get-text-diff.ts", "getTextDiffAction", { backend: net.name, workspace: ws, from: good, to: deep });
  expectUnreadable(res);
  expect(res.result).toMatchObject({ error: { message: expect.stringMatching(TOO_DEEP) } });
  expect(res.body).not.toContain("is not JSON");
});

test("get-version-summaries and get-workspace-details report the version as corrupt", async () => {
  const summaries = await call("app/actions/get-version-summaries.ts", "getVersionSummariesAction", {
    backend: net.name,
    workspace: ws,
    page: [{ versionId: deep, isDeleteMarker: false, predecessorId: good, size: null }],
  });
  expect(summaries.status).toBe(200);
  expect(summaries.result).toMatchObject({ ok: true, data: [{ versionId: deep, kind: "corrupt", resources: null, changes: null }] });

  const details = await call("app/actions/get-workspace-details.ts", "getWorkspaceDetailsAction", { backend: net.name, rows: [{ workspace: ws, etag: null }] });
  expect(details.status).toBe(200);
  expect(details.result).toMatchObject({ ok: true, data: { [ws]: { ok: true, details: { kind: "corrupt", serial: null } } } });
});
