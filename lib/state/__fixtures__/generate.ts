/** Test helper: a large format-4 state (tens of MB) built the way Terraform lays it out. */
export interface LargeStateOptions {
  instances: number;
  serial?: number;
  /** Instance indexes whose `tags.rev` attribute differs from the default. */
  changed?: ReadonlySet<number>;
}

export function largeStateText({ instances, serial = 1, changed = new Set() }: LargeStateOptions): string {
  const resources = [];
  for (let r = 0; r < instances / 10; r++) {
    const insts = [];
    for (let i = 0; i < 10; i++) {
      const n = r * 10 + i;
      insts.push({
        index_key: i,
        schema_version: 1,
        attributes: {
          id: `i-${n.toString(16).padStart(12, "0")}`,
          ami: "ami-0123456789abcdef0",
          password: `pw-${n}`,
          user_data: "x".repeat(700),
          tags: { Name: `web-${n}`, rev: changed.has(n) ? "2" : "1" },
          ports: [22, 80, 443],
        },
        sensitive_attributes: [[{ type: "get_attr", value: "password" }]],
      });
    }
    resources.push({ mode: "managed", type: "aws_instance", name: `web_${r}`, provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: insts });
  }
  const state = { version: 4, terraform_version: "1.9.0", serial, lineage: "large-0000", outputs: { big: { value: 1, type: "number" } }, resources, check_results: null };
  return JSON.stringify(state, null, 2).replace('"value": 1,', '"value": 9223372036854775807,') + "\n";
}
