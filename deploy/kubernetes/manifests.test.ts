/**
 * The Kubernetes manifests in deploy/kubernetes: each validates against the Kubernetes schemas
 * (kubernetes-validate, offline, from .venv), and they fit together and with the app: names that
 * refer to each other match, probes hit routes that exist, the ConfigMap holds a config Statehouse accepts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { securitySettingsFrom } from "@/lib/auth/settings";
import { parseStatehouseConfig } from "@/lib/config/statehouse-config";

const root = path.resolve(__dirname, "../..");
const dir = path.join(root, "deploy/kubernetes");
const python = path.join(root, ".venv/bin/python");
const KUBERNETES_VERSION = "1.33";

// Kustomize's own file is not a Kubernetes resource.
const manifestFiles = readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");

type Doc = { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; [k: string]: unknown };

function load(file: string): Doc[] {
  // PyYAML comes with kubernetes-validate: the same parser reads what the validator reads.
  const out = execFileSync(python, ["-c", "import json,sys,yaml; print(json.dumps([d for d in yaml.safe_load_all(open(sys.argv[1])) if d]))", file], { encoding: "utf8" });
  return JSON.parse(out) as Doc[];
}

const docs = manifestFiles.flatMap((f) => load(path.join(dir, f)));
function one(kind: string): Doc {
  const found = docs.filter((d) => d.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
}

describe("deploy/kubernetes", () => {
  it("every manifest validates against the Kubernetes schemas, strictly", () => {
    expect(manifestFiles.length).toBeGreaterThanOrEqual(6);
    const r = (() => {
      try {
        return { status: 0, out: execFileSync(path.join(root, ".venv/bin/kubernetes-validate"), ["--strict", "-k", KUBERNETES_VERSION, ...manifestFiles.map((f) => path.join(dir, f))], { encoding: "utf8" }) };
      } catch (e) {
        const err = e as { status: number; stdout: string; stderr: string };
        return { status: err.status, out: `${err.stdout}${err.stderr}` };
      }
    })();
    expect(r.out).not.toMatch(/ERROR|INVALID/i);
    expect(r.status, r.out).toBe(0);
  });

  it("the validator refuses a broken manifest (so the check above can fail)", () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "manifest-"));
    const bad = path.join(tmp, "bad.yaml");
    writeFileSync(bad, "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\nspec: { replicas: two, selector: {}, template: {} }\n");
    expect(() => execFileSync(path.join(root, ".venv/bin/kubernetes-validate"), ["--strict", "-k", KUBERNETES_VERSION, bad], { stdio: "pipe" })).toThrow();
  });

  it("two replicas with probes on routes that exist, secrets from the Secret, config from the ConfigMap", () => {
    const dep = one("Deployment") as Doc & { spec: { replicas: number; template: { spec: Record<string, unknown> } } };
    expect(dep.spec.replicas).toBe(2);
    const pod = dep.spec.template.spec as {
      serviceAccountName: string;
      containers: { livenessProbe: { httpGet: { path: string } }; readinessProbe: { httpGet: { path: string } }; envFrom: { secretRef: { name: string } }[]; resources: { requests: { memory: string } }; securityContext: { readOnlyRootFilesystem: boolean } }[];
      volumes: { name: string; configMap?: { name: string } }[];
      securityContext: { runAsNonRoot: boolean };
    };
    const c = pod.containers[0]!;
    for (const probe of [c.livenessProbe, c.readinessProbe]) {
      expect(existsSync(path.join(root, "app", probe.httpGet.path, "route.ts")), probe.httpGet.path).toBe(true);
    }
    expect(c.readinessProbe.httpGet.path).toBe("/api/ready");
    expect(c.envFrom.map((e) => e.secretRef.name)).toContain(one("Secret").metadata.name);
    expect(Object.keys((one("Secret") as Doc & { stringData: object }).stringData)).toContain("NEXTAUTH_SECRET");
    expect(pod.volumes.map((v) => v.configMap?.name)).toContain(one("ConfigMap").metadata.name);
    expect(pod.serviceAccountName).toBe(one("ServiceAccount").metadata.name);
    expect(one("ServiceAccount").metadata.annotations?.["eks.amazonaws.com/role-arn"]).toMatch(/^arn:aws:iam::\d{12}:role\//);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(c.resources.requests.memory).toMatch(/^\d+Mi$/);
  });

  it("the ConfigMap's config is one Statehouse accepts, with an OIDC provider whose secret is not in it", async () => {
    const cm = one("ConfigMap") as Doc & { data: Record<string, string> };
    const text = cm.data["statehouse.config.json"]!;
    const config = await parseStatehouseConfig(JSON.parse(text), os.tmpdir());
    const settings = securitySettingsFrom(config);
    expect(config.backends.length).toBeGreaterThan(0);
    expect(settings.auth.oidc?.clientSecretEnv).toBe("OIDC_CLIENT_SECRET");
    expect(text).not.toMatch(/secret"\s*:/i);
  });
});
