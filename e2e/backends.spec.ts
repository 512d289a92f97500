import { expect, test } from "@playwright/test";
import { estateBackends } from "@/testkit/estate";
import { storageStateFor } from "./support/helpers";

test.describe("Backends page", () => {
  test.use({ storageState: storageStateFor("viewer") });

  test("lists every configured backend with where its state lives, its locking and versioning", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Backends", level: 1 })).toBeVisible();
    const cards = page.getByTestId("backend-card");
    // Every backend the demo estate seeds, and no other.
    const seeded = estateBackends(process.env.MOTO_ENDPOINT ?? "http://127.0.0.1:1").map((b) => b.name);
    await expect(cards).toHaveCount(seeded.length);
    expect((await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-backend") ?? ""))).sort()).toEqual([...seeded].sort());

    const network = page.locator('[data-testid="backend-card"][data-backend="prod-network"]');
    await expect(network).toContainText("acme-prod-network");
    await expect(network).toContainText("network/terraform.tfstate");
    await expect(network).toContainText("us-east-1");
    await expect(network.getByTestId("lock-mode")).toHaveText("DynamoDB table acme-terraform-locks");
    await expect(network.getByTestId("versioning")).toHaveAttribute("data-versioning", "Enabled");
    await expect(network.getByTestId("backend-warning")).toHaveCount(0);

    const platform = page.locator('[data-testid="backend-card"][data-backend="platform"]');
    await expect(platform.getByTestId("lock-mode")).toHaveText("S3 lockfile (.tflock)");
    const teams = page.locator('[data-testid="backend-card"][data-backend="data-teams"]');
    await expect(teams.getByTestId("lock-mode")).toHaveText("DynamoDB table acme-terraform-locks + S3 lockfile");
    await expect(teams).toContainText("teams");
  });

  test("checks access with harmless reads and names each IAM action", async ({ page }) => {
    await page.goto("/");
    const network = page.locator('[data-testid="backend-card"][data-backend="prod-network"]');
    await network.getByTestId("run-access-check").click();
    const rows = network.getByTestId("access-check-row");
    await expect(rows).toHaveCount(6);
    for (const action of ["s3:ListBucket", "s3:GetBucketVersioning", "s3:ListBucketVersions", "s3:GetObject", "dynamodb:DescribeTable", "dynamodb:GetItem"]) {
      await expect(network.locator(`[data-testid="access-check-row"][data-action="${action}"]`)).toHaveAttribute("data-status", "ok");
    }
  });

  test("shows least-privilege IAM policies, read-only without writes, with copy buttons", async ({ page }) => {
    await page.goto("/");
    const network = page.locator('[data-testid="backend-card"][data-backend="prod-network"]');
    await network.getByText("IAM policy for Statehouse").click();
    const read = network.getByTestId("iam-policy-read");
    await expect(read).toContainText('"s3:ListBucket"');
    await expect(read).toContainText("arn:aws:s3:::acme-prod-network/env:/*/network/terraform.tfstate");
    await expect(read).not.toContainText("s3:PutObject");
    await expect(read).not.toContainText("dynamodb:PutItem");
    const admin = network.getByTestId("iam-policy-admin");
    await expect(admin).toContainText("s3:PutObject");
    await expect(admin).toContainText("dynamodb:DeleteItem");
    await expect(read.getByTestId("copy-button")).toBeVisible();
    await expect(admin.getByTestId("copy-button")).toBeVisible();
  });
});
