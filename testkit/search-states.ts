/**
 * The state document the search tests index (lib/search unit tests and the local-stack estate search test):
 * matches at every depth (nested maps, lists), a tainted instance, several resource kinds, and secrets in a
 * sensitive output, a sensitive attribute and a sensitive nested map, which no search may ever match.
 */
export const AWS_PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';

export interface SearchableStateOptions {
  lineage?: string;
  serial?: number;
  /** The instance's private IP, also the `web_ip` output. */
  ip?: string;
  /** The sensitive output `db_password` and the sensitive attribute `user_data`. */
  secret?: string;
  /** index_key of module.app.aws_instance.web. */
  indexKey?: number;
}

export function searchableState(o: SearchableStateOptions = {}) {
  const ip = o.ip ?? "10.0.1.5";
  return {
    version: 4,
    terraform_version: "1.10.3",
    serial: o.serial ?? 1,
    lineage: o.lineage ?? "l-1",
    outputs: {
      web_ip: { value: ip, type: "string" },
      db_password: { value: o.secret ?? "hunter2-secret", type: "string", sensitive: true },
    },
    resources: [
      {
        module: "module.app",
        mode: "managed",
        type: "aws_instance",
        name: "web",
        provider: AWS_PROVIDER,
        instances: [
          {
            index_key: o.indexKey ?? 1,
            schema_version: 1,
            status: "tainted",
            attributes: {
              id: "i-0abc",
              private_ip: ip,
              tags: { env: "prod", Name: "web-1" },
              root_block_device: [{ volume_size: 20, encrypted: true }],
              user_data: o.secret ?? "top-secret-userdata",
              credentials: { token: "tok-XYZ", nested: { deeper: "also-hidden" } },
            },
            sensitive_attributes: [[{ type: "get_attr", value: "user_data" }], [{ type: "get_attr", value: "credentials" }]],
          },
        ],
      },
      { mode: "managed", type: "aws_s3_bucket", name: "b", provider: AWS_PROVIDER, instances: [{ index_key: "logs", attributes: { bucket: "acme-logs", arn: "arn:aws:s3:::acme-logs" } }] },
      { mode: "data", type: "aws_ami", name: "ubuntu", provider: AWS_PROVIDER, instances: [{ attributes: { id: "ami-123" } }] },
      { mode: "managed", type: "random_pet", name: "p", provider: 'provider["registry.terraform.io/hashicorp/random"]', instances: [{ attributes: { id: "happy-cat" } }] },
    ],
  };
}
