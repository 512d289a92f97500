import { describe, expect, it } from "vitest";
import type { Edge } from "./graph";
import { markCycles } from "./graph";
import { affectedReaders, readersOf, scopeGraph, sourcesOf } from "./scope";
import type { OutputValue } from "@/lib/state/types";

const n = (s: string) => {
  const [backend, workspace] = s.split("/") as [string, string];
  return { backend, workspace };
};
const edge = (from: string, to: string, address: string, dangling = false): Edge => ({ producer: n(from), consumer: n(to), address, dangling, inCycle: false });

// a/net → a/app ⇄ b/data (a cycle through b), b/data → a/report, a/app reads the missing a/gone, b/data reads outside.
const graph = {
  edges: markCycles([
    edge("a/net", "a/app", "data.terraform_remote_state.net"),
    edge("a/app", "b/data", "data.terraform_remote_state.app"),
    edge("b/data", "a/app", "data.terraform_remote_state.data"),
    edge("b/data", "a/report", "data.terraform_remote_state.data"),
    edge("a/gone", "a/app", "data.terraform_remote_state.gone", true),
  ]),
  external: [{ backend: "b", workspace: "data", address: "data.terraform_remote_state.x" }, { backend: "a", workspace: "app", address: "data.terraform_remote_state.y" }],
  unreadable: [n("b/broken"), n("a/broken")],
};
const both = new Set(["a", "b"]);
const onlyA = new Set(["a"]);
const out = (value: unknown, type: OutputValue["type"] = "string"): OutputValue => ({ name: "", value, type, sensitive: false });

describe("scopeGraph", () => {
  it("keeps every edge and the cycle for a caller who may view both backends", () => {
    const s = scopeGraph(graph, both);
    expect(s.edges.filter((e) => e.inCycle).map((e) => e.address)).toEqual(["data.terraform_remote_state.app", "data.terraform_remote_state.data"]);
    expect(s.hiddenEdges).toBe(0);
    expect(s.external).toHaveLength(2);
  });

  it("never names a workspace of a backend the caller may not view, counts its edges, and shows no cycle through it", () => {
    const s = scopeGraph(graph, onlyA);
    const named = s.edges.flatMap((e) => [e.producer.backend, e.consumer.backend]);
    expect(named.every((b) => b === "a")).toBe(true);
    expect(s.edges.map((e) => e.address)).toEqual(["data.terraform_remote_state.net", "data.terraform_remote_state.gone"]);
    expect(s.edges.some((e) => e.inCycle)).toBe(false);
    expect(s.hiddenEdges).toBe(3);
    expect(s.external.map((x) => x.backend)).toEqual(["a"]);
    expect(s.unreadable).toEqual([n("a/broken")]);
  });
});

describe("readersOf / sourcesOf", () => {
  it("names visible consumers with their data source address and counts hidden ones", () => {
    expect(readersOf(graph, onlyA, "a", "app")).toEqual({ consumers: [], hidden: 1 });
    expect(readersOf(graph, both, "a", "app")).toEqual({ consumers: [{ backend: "b", workspace: "data", address: "data.terraform_remote_state.app", inCycle: true }], hidden: 0 });
    expect(readersOf(graph, onlyA, "a", "net").consumers.map((c) => `${c.workspace} ${c.address}`)).toEqual(["app data.terraform_remote_state.net"]);
  });

  it("lists producers, dangling ones marked; a producer in a hidden backend keeps only the workspace's own address", () => {
    const s = sourcesOf(graph, onlyA, "a", "app");
    expect(s.producers.map((p) => `${p.backend}/${p.workspace}${p.dangling ? " dangling" : ""}`)).toEqual(["a/net", "a/gone dangling"]);
    expect(s.hidden).toEqual([{ address: "data.terraform_remote_state.data" }]);
    expect(s.external.map((x) => x.address)).toEqual(["data.terraform_remote_state.y"]);
  });
});

describe("affectedReaders", () => {
  const before = { vpc_id: out("vpc-1"), region: out("eu-west-1") };
  it("names the changed outputs and the visible readers, counts the hidden", () => {
    const r = affectedReaders(graph, both, "b", "data", before, { vpc_id: out("vpc-2"), region: out("eu-west-1") });
    expect(r).toEqual({
      outputs: ["vpc_id"],
      consumers: [
        { backend: "a", workspace: "app", address: "data.terraform_remote_state.data", inCycle: true },
        { backend: "a", workspace: "report", address: "data.terraform_remote_state.data", inCycle: false },
      ],
      hidden: 0,
    });
  });
  it("affects nobody when outputs only gain a new one", () => {
    expect(affectedReaders(graph, both, "a", "net", before, { ...before, added: out("x") })).toEqual({ outputs: [], consumers: [], hidden: 0 });
  });
  it("counts a removal or a type change", () => {
    const r = affectedReaders(graph, onlyA, "a", "app", before, { vpc_id: out(["vpc-1"], ["list", "string"]) });
    expect(r.outputs).toEqual(["region", "vpc_id"]);
    expect(r.consumers).toEqual([]);
    expect(r.hidden).toBe(1);
  });
});
