import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb } from "@evident/db";
import { afterAll, describe, expect, it } from "vitest";
import { backupNow, backupsToRemove } from "./backups.js";

const root = mkdtempSync(join(tmpdir(), "evident-backups-"));
const repo = fileURLToPath(new URL("../../../../", import.meta.url));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("backups of the embedded database", () => {
  it("keeps the newest 14 by name", () => {
    const names = Array.from({ length: 16 }, (_, i) => `pglite-202612${String(i + 1).padStart(2, "0")}-020000.tgz`);
    expect(backupsToRemove([...names, "notes.txt"])).toEqual(["pglite-20261202-020000.tgz", "pglite-20261201-020000.tgz"]);
    expect(backupsToRemove(names.slice(0, 14))).toEqual([]);
  });

  it("backs up the running database daily, keeps 14, and a backup restores with npm run db:restore", async () => {
    const dataDir = join(root, "live", "pglite");
    const db = await createDb({ dataDir, migrate: true, databaseUrl: null });
    const dir = join(root, "live", "backups");
    try {
      await db.prisma.team.create({ data: { name: "Backed Up Team" } });
      const day0 = Date.UTC(2026, 11, 1, 2, 0, 0);
      let last = "";
      for (let d = 0; d < 16; d++) last = (await backupNow(db, { dir, now: new Date(day0 + d * 86_400_000) })).file;
      const kept = readdirSync(dir).sort();
      expect(kept).toHaveLength(14);
      expect(kept[0]).toBe("pglite-20261203-020000.tgz");
      expect(kept[13]).toBe("pglite-20261216-020000.tgz");
      expect(last.endsWith("pglite-20261216-020000.tgz")).toBe(true);
      // The server keeps working after a backup.
      expect(await db.prisma.team.count()).toBe(1);
    } finally {
      await db.close();
    }

    const restoredDir = join(root, "restored", "pglite");
    mkdirSync(join(root, "restored"));
    const restore = spawnSync(process.execPath, ["packages/db/dist/cli/restore.js", join(dir, "pglite-20261216-020000.tgz")], { cwd: repo, env: { ...process.env, EVIDENT_DATA_DIR: restoredDir, DATABASE_URL: "" }, encoding: "utf8" });
    expect(restore.status, restore.stderr).toBe(0);
    const back = await createDb({ dataDir: restoredDir, databaseUrl: null });
    try {
      expect((await back.prisma.team.findMany({ select: { name: true } })).map((t) => t.name)).toEqual(["Backed Up Team"]);
    } finally {
      await back.close();
    }
  }, 240_000);
});
