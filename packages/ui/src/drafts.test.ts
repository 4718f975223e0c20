import { describe, expect, it } from "vitest";
import { createDraftStore, DRAFT_TTL_MS, withoutSecrets, type DraftStorage } from "./drafts.js";

/** localStorage's interface over a Map, so the test sees exactly what is stored. */
function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

function store(start = Date.parse("2026-12-06T10:42:00Z")) {
  const storage = memoryStorage();
  const clock = { now: start };
  return { storage, clock, drafts: createDraftStore(() => storage, () => clock.now) };
}

describe("the draft store", () => {
  it("keeps nothing while nobody is signed in", () => {
    const { storage, drafts } = store();
    drafts.save("family:new", { name: "Smith" });
    expect(storage.map.size).toBe(0);
    expect(drafts.load("family:new")).toBeNull();
  });

  it("keeps each user's drafts under their id and offers them only to that user", () => {
    const { storage, drafts } = store();
    drafts.setOwner("user-a");
    drafts.save("family:new", { name: "Smith" });
    expect([...storage.map.keys()]).toEqual(["evident:draft:user-a:family:new"]);
    expect(drafts.load("family:new")).toEqual({ savedAt: "2026-12-06T10:42:00.000Z", values: { name: "Smith" } });
    drafts.setOwner("user-b");
    expect(drafts.load("family:new")).toBeNull();
    drafts.save("family:new", { name: "Jones" });
    drafts.setOwner("user-a");
    expect(drafts.load<{ name: string }>("family:new")?.values.name).toBe("Smith");
  });

  it("never stores a password, secret, token or PIN, at any depth", () => {
    const { storage, drafts } = store();
    drafts.setOwner("user-a");
    drafts.save("k", { name: "Ann", password: "hunter2", newPassword: "x", pin: "1234", nested: { apiToken: "t", clientSecret: "s", note: "kept" } });
    const raw = storage.map.get("evident:draft:user-a:k")!;
    for (const secret of ["hunter2", '"x"', "1234", '"t"', '"s"']) expect(raw).not.toContain(secret);
    expect(JSON.parse(raw).values).toEqual({ name: "Ann", nested: { note: "kept" } });
    expect(withoutSecrets([{ passcode: 1, a: 2 }])).toEqual([{ a: 2 }]);
  });

  it("expires a draft 24 hours after it was last saved", () => {
    const { storage, clock, drafts } = store();
    drafts.setOwner("user-a");
    drafts.save("k", { a: 1 });
    clock.now += DRAFT_TTL_MS; // exactly 24 h: still kept
    expect(drafts.load("k")).not.toBeNull();
    clock.now += 1;
    expect(drafts.load("k")).toBeNull();
    expect(storage.map.size).toBe(0); // removed when read
  });

  it("removes everyone's expired drafts when a user signs in, and keeps fresh ones", () => {
    const { storage, clock, drafts } = store();
    drafts.setOwner("user-a");
    drafts.save("old", { a: 1 });
    clock.now += 23 * 3600_000;
    drafts.setOwner("user-b");
    drafts.save("fresh", { b: 1 });
    clock.now += 2 * 3600_000; // user-a's draft is now 25 h old, user-b's 2 h
    storage.map.set("evident:draft:user-c:broken", "not json");
    drafts.setOwner("user-c");
    expect([...storage.map.keys()]).toEqual(["evident:draft:user-b:fresh"]);
  });

  it("clears one draft, and every draft on the device at sign-out (whoever's), leaving other data alone", () => {
    const { storage, drafts } = store();
    storage.map.set("other-app-setting", "1");
    drafts.setOwner("user-a");
    drafts.save("one", { a: 1 });
    drafts.save("two", { a: 2 });
    drafts.clear("one");
    expect(drafts.load("one")).toBeNull();
    expect(drafts.load("two")).not.toBeNull();
    drafts.setOwner("user-b");
    drafts.save("three", { a: 3 });
    drafts.clearAll();
    expect([...storage.map.keys()]).toEqual(["other-app-setting"]);
  });

  it("keeps working when storage is unavailable or full", () => {
    const drafts = createDraftStore(() => {
      throw new Error("SecurityError");
    });
    drafts.setOwner("user-a");
    expect(() => drafts.save("k", { a: 1 })).not.toThrow();
    expect(drafts.load("k")).toBeNull();
    expect(() => drafts.clearAll()).not.toThrow();
  });
});
