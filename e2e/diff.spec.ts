import { expect, test } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { estateBackends } from "@/testkit/estate";
import { uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { storageStateFor } from "./support/helpers";

const backend = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "platform")!;
const writer = new ToolWriter(openBackend({ name: backend.name, options: backend.options, source: "e2e" }), "tofu");

const SECRET_BEFORE = "s3cr3t-before-e2e";
const SECRET_AFTER = "s3cr3t-after-e2e";

function db(name: string, password: string, size: string) {
  return {
    mode: "managed",
    type: "aws_db_instance",
    name,
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [{ schema_version: 0, attributes: { id: name, password, instance_class: size }, sensitive_attributes: [[{ type: "get_attr", value: "password" }]] }],
  };
}

function state(serial: number, password: string, resources: object[]) {
  return {
    version: 4,
    terraform_version: "1.9.1",
    serial,
    lineage: "6a0e3c2e-1d7f-4f59-9d2b-000000000e2e",
    outputs: { db_password: { value: password, type: "string", sensitive: true }, endpoint: { value: `db-${serial}.internal`, type: "string" } },
    resources,
    check_results: null,
  };
}

test.describe("Diff tab as viewer", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("shows structural and text changes between previous and current without any sensitive value", async ({ page }) => {
    const ws = uniqueName("e2e-diff");
    const v1 = await writer.apply(ws, state(1, SECRET_BEFORE, [db("main", SECRET_BEFORE, "db.t3.small"), db("legacy", SECRET_BEFORE, "db.t3.micro")]));
    const v2 = await writer.apply(ws, state(2, SECRET_AFTER, [db("main", SECRET_AFTER, "db.t3.large"), db("replica", SECRET_AFTER, "db.t3.large")]));
    const bodies: string[] = [];
    page.on("response", async (r) => {
      bodies.push(await r.text().catch(() => ""));
    });

    await page.goto(`/b/${backend.name}/w/${ws}/diff`);
    await expect(page.getByTestId("diff-tab")).toHaveAttribute("data-from", v1.versionId);
    await expect(page.getByTestId("diff-tab")).toHaveAttribute("data-to", v2.versionId);
    await expect(page.getByTestId("count-added")).toHaveAttribute("data-count", "1");
    await expect(page.getByTestId("count-removed")).toHaveAttribute("data-count", "1");
    await expect(page.getByTestId("count-changed")).toHaveAttribute("data-count", "1");
    await expect(page.getByTestId("diff-serial")).toHaveText("1 → 2");
    await expect(page.locator('[data-testid="diff-output-row"][data-output="db_password"]')).toContainText("(sensitive value)");

    const changed = page.locator('[data-testid="diff-row"][data-kind="changed"]');
    await expect(changed).toHaveAttribute("data-address", "aws_db_instance.main");
    await changed.getByTestId("diff-row-toggle").click();
    await expect(changed.locator('[data-testid="attribute-change"][data-path="instance_class"]')).toContainText("db.t3.large");
    const password = changed.locator('[data-testid="attribute-change"][data-path="password"]');
    await expect(password).toHaveAttribute("data-sensitive", "true");
    await expect(password).toContainText("(sensitive value)");

    await page.getByTestId("show-text-diff").click();
    await expect(page.getByTestId("text-diff-row").first()).toBeVisible();
    await expect(page.getByTestId("text-diff-stats")).toContainText("changed lines");
    await expect(page.locator('[data-testid="text-diff-row"][data-changed="true"]').first()).toBeVisible();

    const html = await page.content();
    for (const secret of [SECRET_BEFORE, SECRET_AFTER]) {
      expect(html).not.toContain(secret);
      expect(bodies.some((b) => b.includes(secret))).toBe(false);
    }
  });

  test("explains an unknown version instead of failing", async ({ page }) => {
    const ws = uniqueName("e2e-diffbad");
    await writer.apply(ws, state(1, SECRET_BEFORE, []));
    await page.goto(`/b/${backend.name}/w/${ws}/diff?from=nope&to=nope2`);
    await expect(page.getByTestId("error-state")).toHaveAttribute("data-error-code", "NOT_FOUND");
  });
});
