import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/errors";
import { evaluate, NO_REFERENCES, type Scope } from "./expressions";
import { literalToTemplate, parseHcl } from "./hcl";
import { configError } from "./__fixtures__/config-error";

const scope: Scope = {
  lookup(root, name) {
    const values: Record<string, unknown> = { "var.env": "prod", "var.n": 3, "var.b": true, "var.l": ["x", "y"], "var.nil": null, "local.m": { "a-b": { c: "deep" } } };
    const v = values[`${root}.${name}`];
    return v === undefined ? Promise.reject(new ConfigError(`${root}.${name} missing`)) : Promise.resolve(v);
  },
};

/** Parses `v = <hcl>` with the real parser and evaluates it. */
async function hcl(expr: string, s: Scope = scope): Promise<unknown> {
  return evaluate((await parseHcl("t.tf", `v = ${expr}\n`)).v, s, "t.tf");
}

const errorOf = async (p: Promise<unknown>) => (await configError(p)).message;

describe("evaluate", () => {
  it("evaluates templates and references as HCL does", async () => {
    expect(await hcl('"state-${var.env}"')).toBe("state-prod");
    expect(await hcl("var.n")).toBe(3); // a lone reference keeps its type
    expect(await hcl('"${var.l}"')).toEqual(["x", "y"]);
    expect(await hcl('"n=${var.n} b=${var.b}"')).toBe("n=3 b=true");
    expect(await hcl('local.m["a-b"].c')).toBe("deep");
    expect(await hcl('"${var.l[1]}"')).toBe("y");
    expect(await hcl('"${"quoted \\"inner\\""}-${var.env}"')).toBe('quoted "inner"-prod');
    expect(await hcl('["${var.env}", { k = var.env }]')).toEqual(["prod", { k: "prod" }]);
  });

  it("keeps escapes, quotes, backslashes and newlines literal", async () => {
    expect(await hcl('"a$${b}c %%{d} \\"q\\" \\\\ ${var.env}"')).toBe('a${b}c %{d} "q" \\ prod');
    expect(await hcl('"tab\\there\\n${var.env}"')).toBe("tab\there\nprod");
    expect(await hcl("<<EOT\nline ${var.env}\nEOT")).toBe("line prod\n");
    expect(await hcl('"STATEHOUSE_EOT ${var.env}"')).toBe("STATEHOUSE_EOT prod");
    expect(await evaluate(literalToTemplate("${not} %{a} $${b}"), NO_REFERENCES, "x")).toBe("${not} %{a} $${b}");
  });

  it("names what it cannot evaluate", async () => {
    expect(await errorOf(hcl('"${upper(var.env)}"'))).toMatch(/function call upper\(var\.env\)/);
    expect(await errorOf(hcl("data.aws_caller_identity.me.account_id"))).toMatch(/reference data\.aws_caller_identity\.me\.account_id/);
    expect(await errorOf(hcl('"${var.n + 1}"'))).toMatch(/cannot evaluate "var\.n \+ 1"/);
    expect(await errorOf(hcl('"%{ if var.b }x%{ endif }"'))).toMatch(/cannot evaluate/);
    expect(await errorOf(hcl("var.l[var.n]"))).toMatch(/cannot evaluate "var\.l\[var\.n\]"/);
    expect(await errorOf(hcl('"${var.nil}-x"'))).toMatch(/"var\.nil" is null/);
    expect(await errorOf(hcl('"x-${local.m}"'))).toMatch(/"local\.m" is a map or object/);
    expect(await errorOf(hcl("var.l[5]"))).toMatch(/var\.l has no element 5/);
    expect(await errorOf(hcl("var.env", NO_REFERENCES))).toMatch(/references are not allowed/);
    expect(await errorOf(evaluate("${var.env", scope, "x"))).toMatch(/invalid template/);
  });
});
