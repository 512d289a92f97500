import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { parseAuthConfig } from "@/lib/auth/config";
import { DEMO_ACCOUNTS, demoAuthSections } from "@/lib/auth/demo";
import { verifyLocalUser } from "@/lib/auth/local-users";

const users = parseAuthConfig({
  localUsers: [
    { username: "alice", passwordHash: bcrypt.hashSync("correct horse", 4), name: "Alice A.", email: "alice@example.com", groups: ["sre"] },
    { username: "bob", passwordHash: bcrypt.hashSync("battery staple", 4) },
  ],
}).localUsers;

describe("verifyLocalUser", () => {
  it("signs in with the right password", async () => {
    expect(await verifyLocalUser(users, "alice", "correct horse")).toEqual({
      id: "local:alice",
      name: "Alice A.",
      email: "alice@example.com",
      groups: ["sre"],
      provider: "local",
    });
    expect(await verifyLocalUser(users, "bob", "battery staple")).toEqual({ id: "local:bob", name: "bob", groups: [], provider: "local" });
  });

  it("refuses a wrong password, another user's password, an unknown user and malformed input", async () => {
    expect(await verifyLocalUser(users, "alice", "correct horse ")).toBeNull();
    expect(await verifyLocalUser(users, "alice", "battery staple")).toBeNull();
    expect(await verifyLocalUser(users, "carol", "correct horse")).toBeNull();
    expect(await verifyLocalUser(users, "Alice", "correct horse")).toBeNull();
    expect(await verifyLocalUser(users, "alice", "")).toBeNull();
    expect(await verifyLocalUser(users, undefined, "correct horse")).toBeNull();
    expect(await verifyLocalUser(users, "alice", ["correct horse"])).toBeNull();
    expect(await verifyLocalUser(users, "alice", "x".repeat(5000))).toBeNull();
    expect(await verifyLocalUser([], "alice", "correct horse")).toBeNull();
  });

  it("signs in the demo accounts with their published passwords, as ordinary local users", async () => {
    const demo = demoAuthSections();
    const demoUsers = parseAuthConfig(demo.auth).localUsers;
    for (const account of DEMO_ACCOUNTS) {
      expect((await verifyLocalUser(demoUsers, account.username, account.password))?.id).toBe(`local:${account.username}`);
      expect(await verifyLocalUser(demoUsers, account.username, "guess")).toBeNull();
    }
  });
});
