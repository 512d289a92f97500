import { describe, expect, it } from "vitest";
import { outlineRows } from "@/components/state/outline-rows";
import type { ModuleOutline } from "@/lib/domain/state";

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';

describe("outlineRows", () => {
  const modules: ModuleOutline[] = [
    {
      module: "",
      resources: [
        { address: "random_password.api_key", mode: "managed", provider: AWS, keys: [""], marks: [{ at: 0, sensitive: 1 }] },
        { address: "aws_db_instance.main", mode: "managed", provider: AWS, keys: ["", ""], marks: [{ at: 1, deposed: "0a1b2c3d", sensitive: 1 }] },
      ],
    },
    { module: "module.app", resources: [{ address: "module.app.aws_instance.web", mode: "managed", provider: AWS, keys: 3, marks: [{ at: 1, status: "tainted" }] }] },
  ];

  it("interleaves module headers, resources and instances, inlining a lone unkeyed instance", () => {
    const rows = outlineRows(modules);
    expect(rows.map((r) => r.key)).toEqual([
      "m:",
      "r:random_password.api_key",
      "r:aws_db_instance.main",
      "i:aws_db_instance.main/",
      "i:aws_db_instance.main/0a1b2c3d",
      "m:module.app",
      "r:module.app.aws_instance.web",
      "i:module.app.aws_instance.web[0]/",
      "i:module.app.aws_instance.web[1]/",
      "i:module.app.aws_instance.web[2]/",
    ]);
    const api = rows[1]!;
    expect(api.kind === "resource" && api.inline).toEqual({ address: "random_password.api_key", sensitive: 1 });
    const tainted = rows[8]!;
    expect(tainted.kind === "instance" && tainted.instance).toEqual({ address: "module.app.aws_instance.web[1]", status: "tainted", sensitive: 0 });
  });

  it("expands a count of 30,000 into as many instance rows", () => {
    const rows = outlineRows([{ module: "", resources: [{ address: "aws_instance.web", mode: "managed", provider: AWS, keys: 30_000, marks: [] }] }]);
    expect(rows).toHaveLength(30_002);
    expect(rows[rows.length - 1]!.key).toBe("i:aws_instance.web[29999]/");
  });
});
