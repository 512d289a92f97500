import { expect, test } from "@playwright/test";
import { openBackend } from "@/lib/backend/context";
import { estateBackends } from "@/testkit/estate";
import { uniqueName } from "@/testkit/moto";
import { ToolWriter } from "@/testkit/tool-writer";
import { storageStateFor } from "./support/helpers";

/**
 * Reading a diff: a changed value shows what changed inside it (an inline word diff), a long value wraps
 * between its parts, addresses and version IDs copy in one click, and the filter lives in the URL.
 */
const backend = estateBackends(process.env.MOTO_ENDPOINT!).find((b) => b.name === "platform")!;
const writer = new ToolWriter(openBackend({ name: backend.name, options: backend.options, source: "e2e" }), "tofu");
const ARN = (env: string) => `arn:aws:iam::123456789012:role/service-role/statehouse-${env}-deployment-role-with-a-long-name`;

function state(serial: number, env: string) {
  return {
    version: 4,
    terraform_version: "1.9.1",
    serial,
    lineage: "6a0e3c2e-1d7f-4f59-9d2b-00000000d1ff",
    outputs: { role_arn: { value: ARN(env), type: "string" } },
    resources: [
      {
        mode: "managed",
        type: "aws_iam_role",
        name: "deploy",
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 0, attributes: { arn: ARN(env), description: `deploys the ${env} stack every night` } }],
      },
      { mode: "managed", type: "aws_s3_bucket", name: "logs", provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes: { bucket: `logs-${serial}` } }] },
    ],
    check_results: null,
  };
}

test.describe("Diff tab, reading changed values", () => {
  test.use({ storageState: storageStateFor("viewer"), permissions: ["clipboard-read", "clipboard-write"] });

  test("marks the changed words inside a value, wraps long ids between parts, copies addresses, keeps the filter in the URL", async ({ page }) => {
    const ws = uniqueName("e2e-diffwords");
    await writer.apply(ws, state(1, "staging"));
    const v2 = await writer.apply(ws, state(2, "production"));
    await page.goto(`/b/${backend.name}/w/${ws}/diff`);

    const row = page.locator('[data-testid="diff-row"][data-address="aws_iam_role.deploy"]');
    await row.getByTestId("diff-row-toggle").click();
    const description = row.locator('[data-testid="attribute-change"][data-path="description"]');
    // Only the changed word is marked on each side; the unchanged words are plain text.
    await expect(description.getByTestId("value-removed")).toHaveText(["staging"]);
    await expect(description.getByTestId("value-added")).toHaveText(["production"]);
    await expect(description.getByTestId("changed-value-after")).toContainText("deploys the production stack every night");
    // An ARN wraps at its separators: the after cell is several lines high, and no line breaks inside a word.
    const arn = row.locator('[data-testid="attribute-change"][data-path="arn"]').getByTestId("changed-value-after");
    await expect(arn.locator("wbr").first()).toBeAttached();
    // The output's value is diffed the same way.
    await expect(page.locator('[data-testid="diff-output-row"][data-output="role_arn"]').getByTestId("value-added")).toContainText("production");

    await row.getByTestId("copy-address").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("aws_iam_role.deploy");
    await page.getByTestId("diff-to").getByTestId("copy-version-id").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(v2.versionId);

    await page.getByTestId("diff-filter").fill("s3_bucket");
    await expect(page).toHaveURL(/[?&]filter=s3_bucket/);
    await expect(page.getByTestId("diff-row")).toHaveCount(1);
    await page.reload();
    await expect(page.getByTestId("diff-filter")).toHaveValue("s3_bucket");
    await expect(page.getByTestId("diff-row")).toHaveCount(1);
    await expect(page.getByTestId("diff-row")).toHaveAttribute("data-address", "aws_s3_bucket.logs");
  });
});
