/**
 * Realistic format-4 states, deterministic from a seed: resources across nested modules, count and
 * for_each instances, data sources, a tainted instance, a deposed object, sensitive attributes and
 * complex-typed outputs. `generation` models successive applies of the same configuration the way
 * real histories look: objects keep their ids from one apply to the next, and each apply changes a
 * few things (a rolling replacement of one web server, a subnet or service added or removed, a
 * periodic AMI refresh, key rotation, storage growth), with one bulk resize at generation 5.
 */

/** Small fast PRNG (mulberry32): the same seed always gives the same state. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a stable 32-bit seed for one object of one state. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hex(rand: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

/** A UUID-shaped lineage, deterministic from the seed. */
export function lineageFor(seed: number): string {
  const r = prng(seed ^ 0x5eed);
  return `${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`;
}

export interface StateSpec {
  seed: number;
  serial?: number;
  lineage?: string;
  terraformVersion?: string;
  /** Successive applies of one configuration: 0, 1, 2… */
  generation?: number;
  /** Instances of the scalable `module.app` web servers; scales the state's size (≈2 KB each). */
  webServers?: number;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Instance = { [k: string]: Json };

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';
const RANDOM = 'provider["registry.terraform.io/hashicorp/random"]';

function resource(mode: "managed" | "data", type: string, name: string, instances: Instance[], module?: string, provider = AWS) {
  return { ...(module ? { module } : {}), mode, type, name, provider, instances };
}

function instance(attributes: Record<string, Json>, extra: Instance = {}): Instance {
  return { schema_version: 0, attributes, sensitive_attributes: [], private: "bnVsbA==", ...extra };
}

export function buildState(spec: StateSpec): Record<string, Json> {
  const gen = spec.generation ?? 0;
  /** Randomness of one object: the same object keeps its ids across generations. */
  const stable = (name: string) => prng(hashOf(`${spec.seed}/${name}`));
  const region = ["us-east-1", "eu-west-1", "us-west-2"][spec.seed % 3]!;
  const account = String(100000000000 + (spec.seed % 899999999999));
  const vpcId = `vpc-${hex(prng(spec.seed), 17)}`;
  const azs = ["a", "b", "c"].map((z) => region + z);
  const tags = { Environment: ["prod", "staging", "dev"][spec.seed % 3]!, ManagedBy: "terraform" };
  const subnetCount = 2 + (gen % 2);
  const webCount = spec.webServers ?? 3 + (gen % 3);
  const services = ["api", "billing", "search", "auth"].slice(0, 2 + (gen % 3));
  /** Rolling deploy: apply g (from 1) replaces web server (g - 1) mod webCount; this is server i's replacement count. */
  const webRevision = (i: number) => (gen > i ? Math.floor((gen - 1 - i) / webCount) + 1 : 0);
  const identity = stable("identity");

  const resources = [
    resource("data", "aws_caller_identity", "current", [instance({ account_id: account, arn: `arn:aws:iam::${account}:user/ci`, id: account, user_id: "AIDA" + hex(identity, 16).toUpperCase() })]),
    resource("data", "aws_ami", "ubuntu", [
      instance({ id: `ami-${hex(stable(`ami/${Math.floor(gen / 4)}`), 17)}`, most_recent: true, name: "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240501", owners: ["099720109477"], tags: {} }),
    ]),
    resource("managed", "aws_vpc", "main", [
      instance({ id: vpcId, arn: `arn:aws:ec2:${region}:${account}:vpc/${vpcId}`, cidr_block: "10.0.0.0/16", enable_dns_hostnames: true, tags, tags_all: tags }, { schema_version: 1 }),
    ], "module.network"),
    resource(
      "managed",
      "aws_subnet",
      "private",
      Array.from({ length: subnetCount }, (_, i) =>
        instance(
          { id: `subnet-${hex(stable(`subnet/${i}`), 17)}`, availability_zone: azs[i % 3]!, cidr_block: `10.0.${i * 16}.0/20`, vpc_id: vpcId, map_public_ip_on_launch: false, tags: { ...tags, Tier: "private" } },
          { schema_version: 1, index_key: i, dependencies: ["module.network.aws_vpc.main"] },
        ),
      ),
      "module.network",
    ),
    resource(
      "managed",
      "aws_security_group",
      "svc",
      services.map((svc, i) =>
        instance(
          {
            id: `sg-${hex(stable(`sg/${svc}`), 17)}`,
            name: `${svc}-sg`,
            vpc_id: vpcId,
            ingress: [{ cidr_blocks: ["10.0.0.0/16"], description: `${svc} <internal> & health`, from_port: 8000 + i, protocol: "tcp", to_port: 8000 + i }],
            tags: { ...tags, Service: svc },
          },
          { schema_version: 1, index_key: svc, dependencies: ["module.network.aws_vpc.main"] },
        ),
      ),
      'module.services["shared"]',
    ),
    resource(
      "managed",
      "aws_instance",
      "web",
      Array.from({ length: webCount }, (_, i) => {
        const web = stable(`web/${i}/${webRevision(i)}`);
        return instance(
          {
            id: `i-${hex(web, 17)}`,
            ami: "ami-0abcdef1234567890",
            instance_type: gen > 4 ? "t3.large" : "t3.medium",
            private_ip: `10.0.${i % 250}.${10 + (i % 200)}`,
            subnet_id: `subnet-${hex(stable(`subnet/${i % 2}`), 17)}`,
            user_data: hex(web, 40),
            root_block_device: [{ volume_size: 20, volume_type: "gp3", encrypted: true, tags: null }],
            metadata_options: [{ http_tokens: "required", http_endpoint: "enabled", http_put_response_hop_limit: 1 }],
            tags: { ...tags, Name: `web-${i}` },
          },
          {
            schema_version: 1,
            index_key: i,
            dependencies: ["module.network.aws_subnet.private"],
            ...(i === 1 ? { status: "tainted" } : {}),
          },
        );
      }),
      "module.app",
    ),
    resource("managed", "aws_db_instance", "main", [
      instance(
        { id: `db-${hex(stable("db"), 26)}`, engine: "postgres", engine_version: "16.3", username: "app", password: `pw-${hex(stable("db-password"), 24)}`, port: 5432, allocated_storage: 100 + 10 * Math.floor(gen / 3), tags },
        { schema_version: 2, sensitive_attributes: [[{ type: "get_attr", value: "password" }]], create_before_destroy: true },
      ),
      // A replaced database whose old object could not be destroyed yet.
      instance({ id: `db-${hex(stable("db-old"), 26)}`, engine: "postgres", engine_version: "15.7", username: "app", password: `pw-${hex(stable("db-old-password"), 24)}`, port: 5432, allocated_storage: 100, tags }, {
        schema_version: 2,
        deposed: hex(stable("db-old-deposed"), 8),
        sensitive_attributes: [[{ type: "get_attr", value: "password" }]],
      }),
    ], "module.app.module.database"),
    resource("managed", "random_password", "api_key", [instance({ id: "none", length: 32, special: true, result: hex(stable("random-password"), 32) }, { schema_version: 3, sensitive_attributes: [[{ type: "get_attr", value: "result" }]] })], undefined, RANDOM),
  ];

  const outputs: Record<string, Json> = {
    vpc_id: { value: vpcId, type: "string" },
    region: { value: region, type: "string" },
    subnet_ids: { value: resources[3]!.instances.map((i) => (i.attributes as Record<string, Json>).id!), type: ["list", "string"] },
    web_count: { value: webCount, type: "number" },
    api_key: { value: hex(stable(`api-key/${Math.floor(gen / 5)}`), 32), type: "string", sensitive: true },
    database: {
      value: { endpoint: `db.${region}.internal:5432`, port: 5432, username: "app", replicas: [] },
      type: ["object", { endpoint: "string", port: "number", username: "string", replicas: ["list", "string"] }],
      sensitive: true,
    },
    service_ports: { value: Object.fromEntries(services.map((s, i) => [s, 8000 + i])), type: ["map", "number"] },
    azs: { value: azs, type: ["tuple", ["string", "string", "string"]] },
    settings: { value: { enabled: true, tags: { ...tags, Revision: String(gen) }, limits: [1, 2.5, 1e21] }, type: ["object", { enabled: "bool", tags: ["map", "string"], limits: ["list", "number"] }] },
  };

  return {
    version: 4,
    terraform_version: spec.terraformVersion ?? "1.10.3",
    serial: spec.serial ?? gen + 1,
    lineage: spec.lineage ?? lineageFor(spec.seed),
    outputs,
    resources,
    check_results: null,
  };
}
