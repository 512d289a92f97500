import { expect, type Page } from "@playwright/test";

/**
 * Every page of the app as a person reaches it on the demo estate, for the scans that must cover
 * them all (axe in both themes, phone and tablet widths). A new page is one more entry here.
 * `ready` waits for the page's own content, so a scan never runs on a skeleton.
 */
export interface AppPage {
  name: string;
  path: string;
  /** Seen without a session (the sign-in page); every other page is seen as the demo admin. */
  anonymous?: boolean;
  /** How to get there when a link must be followed (the restore preview needs a real version id); default: goto path. */
  open?: (page: Page) => Promise<void>;
  ready: (page: Page) => Promise<void>;
}

const ws = "/b/prod-network/w/default";
const heading = (name: string | RegExp) => (p: Page) => expect(p.getByRole("heading", { level: 1, name })).toBeVisible();
const testId = (id: string) => (p: Page) => expect(p.getByTestId(id).first()).toBeVisible();

export const APP_PAGES: AppPage[] = [
  { name: "backends", path: "/", ready: heading("Backends") },
  { name: "workspaces", path: "/b/prod-network", ready: testId("workspace-row") },
  { name: "state", path: `${ws}/state`, ready: (p) => expect(p.getByText("module.network.aws_vpc.main").first()).toBeVisible() },
  { name: "outputs", path: `${ws}/outputs`, ready: (p) => expect(p.getByText('data "terraform_remote_state"').first()).toBeVisible() },
  { name: "versions", path: `${ws}/versions`, ready: (p) => expect(p.getByTestId("version-serial").first()).not.toHaveText("") },
  {
    name: "restore preview",
    path: `${ws}/versions`,
    open: async (p) => {
      await p.goto(`${ws}/versions`);
      await p.getByTestId("restore-version-button").first().click();
    },
    ready: testId("restore-form"),
  },
  { name: "diff", path: `${ws}/diff`, ready: (p) => expect(p.getByText(/changed/).first()).toBeVisible() },
  {
    name: "diff (text diff shown)",
    path: `${ws}/diff`,
    open: async (p) => {
      await p.goto(`${ws}/diff`);
      await p.getByTestId("show-text-diff").click();
    },
    ready: testId("text-diff-row"),
  },
  { name: "lock (free)", path: `${ws}/lock`, ready: heading(/default/) },
  { name: "lock (held)", path: "/b/prod-network/w/prod-us/lock", ready: (p) => expect(p.getByText("gitlab-ci@runner-42").first()).toBeVisible() },
  { name: "lock (digest mismatch)", path: "/b/prod-network/w/prod-eu/lock", ready: (p) => expect(p.getByText("Mismatch").first()).toBeVisible() },
  { name: "deleted workspace", path: "/b/prod-network/w/sandbox/versions", ready: testId("delete-marker") },
  { name: "search", path: "/search?q=vpc", ready: testId("search-status") },
  { name: "locks", path: "/locks", ready: testId("locks-page") },
  { name: "problems", path: "/problems", ready: testId("problems-page") },
  { name: "audit", path: "/audit", ready: testId("audit-page") },
  { name: "sign-in", path: "/signin", anonymous: true, ready: testId("demo-signin-admin") },
  { name: "not-found", path: "/no-such-page", ready: testId("problem-page") },
  { name: "workspace not found", path: "/b/prod-network/w/nope/state", ready: testId("problem-page") },
];

/** Opens a page and waits for its content (an error page is a failure, except where the page is one). */
export async function openAppPage(page: Page, p: AppPage): Promise<void> {
  if (p.open) await p.open(page);
  else await page.goto(p.path);
  await p.ready(page);
}
