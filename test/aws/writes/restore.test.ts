import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { LineageMismatchError, LockedError, NotFoundError, PreconditionFailedError, StateUnreadableError } from "@/lib/errors";
import { stateKey } from "@/lib/backend/keys";
import { readLockStatus } from "@/lib/backend/locks/status";
import { listVersions } from "@/lib/backend/versions";
import { restoreVersion } from "@/lib/backend/restore";
import { readSerial } from "@/lib/state/serial";
import { motoEndpoint, rawClients } from "@/testkit/moto";
import { startFaultProxy, type FaultProxy } from "@/testkit/fault-proxy";
import { md5, newBackend, rawCurrent, rawDigest, stateOf, withoutSerial, type TestBackend } from "./setup";

const who = "alice@laptop";

describe("restoreVersion (DynamoDB locking)", () => {
  let b: TestBackend;
  beforeAll(async () => {
    b = await newBackend("dynamodb");
  });

  it("copies the chosen version forward with serial = current + 1, digest, metadata; keeps history; releases the lock", async () => {
    const v1 = await b.writer.apply("prod", stateOf(1, 1));
    await b.writer.apply("prod", stateOf(1, 2));
    const v3 = await b.writer.apply("prod", stateOf(1, 3));

    const r = await restoreVersion(b.ctx, { workspace: "prod", versionId: v1.versionId, who });

    expect(r).toMatchObject({ serial: 4n, restoredFrom: v1.versionId, previousVersionId: v3.versionId });
    const cur = (await rawCurrent(b, "prod"))!;
    expect(cur.versionId).toBe(r.newVersionId);
    expect(readSerial(cur.bytes)).toBe(4n);
    expect(withoutSerial(cur.bytes)).toBe(withoutSerial(v1.bytes));
    expect(cur.bytes.length).toBe(v1.bytes.length);
    expect(cur.metadata).toMatchObject({ "statehouse-restored-from": v1.versionId, "statehouse-restored-by": who });
    expect(await rawDigest(b, "prod")).toBe(md5(cur.bytes));
    expect(r.digest).toBe(md5(cur.bytes));
    const { versions } = await listVersions(b.ctx, "prod");
    expect(versions.map((v) => v.versionId).sort()).toEqual([v1.versionId, r.newVersionId, v3.versionId, versions[2]!.versionId].sort());
    expect(versions).toHaveLength(4);
    const status = await readLockStatus(b.ctx, "prod");
    expect(status.locks).toEqual([]);
    expect(status.digest.status).toBe("match");
  });

  it("accepts any Who (non-ASCII, lone surrogates): the metadata is made header-safe, the lock byte-exact", async () => {
    const v1 = await b.writer.apply("odd-who", stateOf(4, 1));
    await b.writer.apply("odd-who", stateOf(4, 2));
    const r = await restoreVersion(b.ctx, { workspace: "odd-who", versionId: v1.versionId, who: "Zoë \ud800 <ops>" });
    const cur = (await rawCurrent(b, "odd-who"))!;
    expect(cur.versionId).toBe(r.newVersionId);
    expect(cur.metadata?.["statehouse-restored-by"]).toBe(encodeURIComponent("Zoë \ufffd <ops>"));
    expect((await readLockStatus(b.ctx, "odd-who")).locks).toEqual([]);
  });

  it("preserves every other byte, including numbers beyond 2^53 and the tool's formatting", async () => {
    const raw = `{"version":4,"terraform_version":"1.9.1","serial":7,"lineage":"big-1","outputs":{"n":{"value":123456789012345678901234567890,"type":"number"},"f":{"value":1.50,"type":"number"}},"resources":[],"check_results":null}\n`;
    const v1 = await b.writer.putState("big", raw);
    await b.writer.apply("big", { version: 4, terraform_version: "1.9.1", serial: 8, lineage: "big-1", outputs: {}, resources: [], check_results: null });
    const r = await restoreVersion(b.ctx, { workspace: "big", versionId: v1.versionId, who });
    const cur = (await rawCurrent(b, "big"))!;
    expect(new TextDecoder().decode(cur.bytes)).toBe(raw.replace('"serial":7', '"serial":9'));
    expect(r.serial).toBe(9n);
  });

  it("beyond 2^53: current serial 99999999999999999999, restoring serial 5 writes 100000000000000000000, every other byte kept", async () => {
    const state = (serial: string, name: string) =>
      `{\n  "version": 4,\n  "terraform_version": "1.11.0",\n  "serial": ${serial},\n  "lineage": "huge-1",\n  "outputs": {\n    "name": {\n      "value": "${name}",\n      "type": "string"\n    }\n  },\n  "resources": [],\n  "check_results": null\n}\n`;
    const v5 = await b.writer.putState("huge-serial", state("5", "old"));
    await b.writer.putState("huge-serial", state("99999999999999999999", "new"));
    const r = await restoreVersion(b.ctx, { workspace: "huge-serial", versionId: v5.versionId, who });
    expect(r.serial).toBe(100000000000000000000n);
    const cur = (await rawCurrent(b, "huge-serial"))!;
    expect(new TextDecoder().decode(cur.bytes)).toBe(state("100000000000000000000", "old"));
    expect(await rawDigest(b, "huge-serial")).toBe(md5(cur.bytes));
  });

  it("refuses while someone holds the lock, naming them; changes nothing and leaves their lock", async () => {
    const v1 = await b.writer.apply("busy", stateOf(2, 1));
    await b.writer.apply("busy", stateOf(2, 2));
    const before = (await rawCurrent(b, "busy"))!;
    const theirs = await b.writer.lock("busy", { who: "ci@runner-9", operation: "OperationTypeApply" });

    const err = await restoreVersion(b.ctx, { workspace: "busy", versionId: v1.versionId, who }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockedError);
    expect((err as LockedError).message).toContain("ci@runner-9");
    expect((err as LockedError).details).toMatchObject({ holders: [{ id: theirs.ID, who: "ci@runner-9", kind: "dynamodb" }] });
    expect((await rawCurrent(b, "busy"))!.versionId).toBe(before.versionId);
    const status = await readLockStatus(b.ctx, "busy");
    expect(status.locks.map((l) => l.info?.ID)).toEqual([theirs.ID]);
    await b.writer.unlock("busy", theirs);
  });

  it("refuses a lineage change unless confirmed", async () => {
    const other = await b.writer.apply("lin", stateOf(3, 5));
    await b.writer.apply("lin", stateOf(4, 1)); // another lineage replaced it
    const err = await restoreVersion(b.ctx, { workspace: "lin", versionId: other.versionId, who }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LineageMismatchError);
    expect((await readLockStatus(b.ctx, "lin")).locks).toEqual([]);

    const r = await restoreVersion(b.ctx, { workspace: "lin", versionId: other.versionId, who, confirmLineageChange: true });
    expect(r.serial).toBe(6n);
    expect(withoutSerial((await rawCurrent(b, "lin"))!.bytes)).toBe(withoutSerial(other.bytes));
  });

  it("refuses when the current version is not the one the user saw", async () => {
    const v1 = await b.writer.apply("seen", stateOf(5, 1));
    await b.writer.apply("seen", stateOf(5, 2));
    const err = await restoreVersion(b.ctx, { workspace: "seen", versionId: v1.versionId, who, expectedCurrentVersionId: v1.versionId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect((await readLockStatus(b.ctx, "seen")).locks).toEqual([]);
  });

  it("refuses when the current version the user saw was deleted meanwhile (no silent undelete)", async () => {
    const v1 = await b.writer.apply("seen-gone", stateOf(5, 1));
    const v2 = await b.writer.apply("seen-gone", stateOf(5, 2));
    await b.writer.deleteWorkspace("seen-gone");
    const err = await restoreVersion(b.ctx, { workspace: "seen-gone", versionId: v1.versionId, who, expectedCurrentVersionId: v2.versionId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect(await rawCurrent(b, "seen-gone")).toBeNull();
    expect((await readLockStatus(b.ctx, "seen-gone")).locks).toEqual([]);
  });

  it("recovers a deleted workspace from its last version (If-None-Match) and writes its digest", async () => {
    await b.writer.apply("gone", stateOf(6, 1));
    const last = await b.writer.apply("gone", stateOf(6, 2));
    await b.writer.deleteWorkspace("gone");
    expect(await rawCurrent(b, "gone")).toBeNull();

    const r = await restoreVersion(b.ctx, { workspace: "gone", versionId: last.versionId, who });
    expect(r.previousVersionId).toBeNull();
    const cur = (await rawCurrent(b, "gone"))!;
    expect(readSerial(cur.bytes)).toBe(3n);
    expect(await rawDigest(b, "gone")).toBe(md5(cur.bytes));
    expect((await listVersions(b.ctx, "gone")).versions.filter((v) => v.isDeleteMarker)).toHaveLength(1);
  });

  it("refuses an encrypted envelope, a corrupt object and a delete marker as the source", async () => {
    const key = stateKey(b.options, "odd");
    const put = (body: string) => rawClients().s3.send(new PutObjectCommand({ Bucket: b.bucket, Key: key, Body: body }));
    const enc = await put(JSON.stringify({ serial: 3, lineage: "x", meta: {}, encrypted_data: "AAAA", encryption_version: "v0" }));
    const bad = await put('{"version":4,"serial":');
    await b.writer.apply("odd", stateOf(7, 4));
    for (const v of [enc.VersionId!, bad.VersionId!]) {
      await expect(restoreVersion(b.ctx, { workspace: "odd", versionId: v, who })).rejects.toBeInstanceOf(StateUnreadableError);
    }
    await b.writer.deleteWorkspace("odd");
    const marker = (await listVersions(b.ctx, "odd")).versions.find((v) => v.isDeleteMarker)!;
    await expect(restoreVersion(b.ctx, { workspace: "odd", versionId: marker.versionId, who })).rejects.toBeInstanceOf(NotFoundError);
    expect(await rawCurrent(b, "odd")).toBeNull();
  });

  it("rejects a workspace name the tools would not accept", async () => {
    await expect(restoreVersion(b.ctx, { workspace: "../prod", versionId: "x", who })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("restoreVersion (S3 lock object, and both)", () => {
  it("takes and releases the .tflock; refuses while a tool holds it", async () => {
    const b = await newBackend("s3", { flavour: "tofu" });
    const v1 = await b.writer.apply("default", stateOf(8, 1));
    await b.writer.apply("default", stateOf(8, 2));
    const theirs = await b.writer.lock("default", { who: "tofu@ci" });
    await expect(restoreVersion(b.ctx, { workspace: "default", versionId: v1.versionId, who })).rejects.toMatchObject({ code: "LOCKED", message: expect.stringContaining("tofu@ci") });
    await b.writer.unlock("default", theirs);

    const r = await restoreVersion(b.ctx, { workspace: "default", versionId: v1.versionId, who });
    expect(r.digest).toBeNull();
    expect(readSerial((await rawCurrent(b, "default"))!.bytes)).toBe(3n);
    expect((await readLockStatus(b.ctx, "default")).locks).toEqual([]);
  });

  it("refuses while a run holds the other lock kind (a runner already on use_lockfile while the backend names only the table)", async () => {
    const b = await newBackend("dynamodb");
    const v1 = await b.writer.apply("mig", stateOf(10, 1));
    await b.writer.apply("mig", stateOf(10, 2));
    const before = (await rawCurrent(b, "mig"))!;
    const theirs = await b.writer.lock("mig", { who: "tofu@lockfile-runner" }, { s3: true, dynamodb: false });
    await expect(restoreVersion(b.ctx, { workspace: "mig", versionId: v1.versionId, who })).rejects.toMatchObject({
      code: "LOCKED",
      message: expect.stringContaining("tofu@lockfile-runner"),
    });
    expect((await rawCurrent(b, "mig"))!.versionId).toBe(before.versionId);
    expect((await readLockStatus(b.ctx, "mig")).locks.map((l) => [l.kind, l.info?.ID])).toEqual([["s3", theirs.ID]]);
  });

  it("refuses while a .tflock exists even when the backend configures no locking", async () => {
    const b = await newBackend("none");
    const v1 = await b.writer.apply("nolock", stateOf(11, 1));
    await b.writer.apply("nolock", stateOf(11, 2));
    await b.writer.lock("nolock", { who: "someone@else" }, { s3: true, dynamodb: false });
    await expect(restoreVersion(b.ctx, { workspace: "nolock", versionId: v1.versionId, who })).rejects.toMatchObject({ code: "LOCKED" });
  });

  it("with both lock kinds, a held DynamoDB lock releases the .tflock already taken", async () => {
    const b = await newBackend("both");
    const v1 = await b.writer.apply("w", stateOf(9, 1));
    await b.writer.apply("w", stateOf(9, 2));
    const theirs = await b.writer.lock("w", { who: "stuck@ci" }, { s3: false, dynamodb: true });
    await expect(restoreVersion(b.ctx, { workspace: "w", versionId: v1.versionId, who })).rejects.toBeInstanceOf(LockedError);
    const locks = (await readLockStatus(b.ctx, "w")).locks;
    expect(locks.map((l) => [l.kind, l.info?.ID])).toEqual([["dynamodb", theirs.ID]]);
  });
});

describe("restoreVersion races (If-Match)", () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(motoEndpoint());
  });
  afterAll(() => proxy.stop());

  it("a write that lands between the read and the put makes it fail cleanly: state intact, lock released", async () => {
    // No locking configured: If-Match is then the only guard, exactly as for a writer that does not lock.
    const b = await newBackend("none", { endpoint: proxy.endpoint });
    const v1 = await b.writer.apply("race", stateOf(10, 1));
    await b.writer.apply("race", stateOf(10, 2));
    const key = stateKey(b.options, "race");
    let intruder = "";
    proxy.add({
      match: { method: "PUT", path: `/${b.bucket}/${key}`, header: { name: "if-match", value: /./ } },
      fault: {
        kind: "before",
        fn: async () => {
          const res = await rawClients().s3.send(new PutObjectCommand({ Bucket: b.bucket, Key: key, Body: JSON.stringify(stateOf(10, 3)) }));
          intruder = res.VersionId!;
        },
      },
      times: 1,
    });
    const err = await restoreVersion(b.ctx, { workspace: "race", versionId: v1.versionId, who }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PreconditionFailedError);
    expect((await rawCurrent(b, "race"))!.versionId).toBe(intruder);
    expect((await listVersions(b.ctx, "race")).versions).toHaveLength(3);
  });

  it("the same race under DynamoDB locking: the lock is released after the refusal", async () => {
    const b = await newBackend("dynamodb", { endpoint: proxy.endpoint });
    const v1 = await b.writer.apply("race2", stateOf(11, 1));
    await b.writer.apply("race2", stateOf(11, 2));
    const key = stateKey(b.options, "race2");
    proxy.add({
      match: { method: "PUT", path: `/${b.bucket}/${key}`, header: { name: "if-match", value: /./ } },
      fault: { kind: "before", fn: async () => void (await b.writer.putState("race2", stateOf(11, 3))) },
      times: 1,
    });
    await expect(restoreVersion(b.ctx, { workspace: "race2", versionId: v1.versionId, who })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect((await readLockStatus(b.ctx, "race2")).locks).toEqual([]);
    expect(await rawDigest(b, "race2")).toBe(md5((await rawCurrent(b, "race2"))!.bytes));
  });
});
