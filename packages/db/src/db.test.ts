import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "./client.js";
import { insertAuditRows } from "./hot.js";
import { DataDirError, MigrationDriftError } from "./errors.js";
import { listMigrations, migrate, pendingMigrations } from "./migrate.js";
import { PG_URL, targets } from "./test/targets.js";

if (!PG_URL) {
  it.skip("PostgreSQL: not run because EVIDENT_TEST_PG_URL is not set (the root `npm test` sets it); these tests ran on PGlite only", () => {});
}

for (const target of targets()) {
  describe(`database on ${target.name}`, () => {
    let db: Db;
    let pendingBefore: string[];
    let first: Awaited<ReturnType<typeof migrate>>;
    beforeAll(async () => {
      db = await target.open();
      pendingBefore = await pendingMigrations(db);
      first = await migrate(db);
    });
    afterAll(async () => {
      await db?.close();
      await target.cleanup();
    });

    it("applies the committed migrations once, recording them in _prisma_migrations", async () => {
      expect(db.kind).toBe(target.name);
      expect(pendingBefore).toEqual(listMigrations().map((m) => m.name));
      expect(first.applied).toEqual(listMigrations().map((m) => m.name));
      const second = await migrate(db);
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toEqual(first.applied);
      expect(await pendingMigrations(db)).toEqual([]);
      const rows = await db.raw.query<{ migration_name: string; checksum: string; finished_at: unknown }>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
      expect(rows[0]!.checksum).toBe(listMigrations()[0]!.checksum);
      expect(rows[0]!.finished_at).not.toBeNull();
    });

    it("runs concurrent migrators safely (advisory lock, re-check)", async () => {
      const results = await Promise.all([migrate(db), migrate(db), migrate(db)]);
      for (const r of results) expect(r.applied).toEqual([]);
      const n = await db.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(n[0]!.n).toBe(listMigrations().length);
    });

    it("refuses to continue when a committed migration was edited after it was applied", async () => {
      const dir = mkdtempSync(join(tmpdir(), "evident-mig-"));
      try {
        for (const m of listMigrations()) {
          mkdirSync(join(dir, m.name));
          writeFileSync(join(dir, m.name, "migration.sql"), `${m.sql}\n-- edited\n`);
        }
        await expect(migrate(db, { dir })).rejects.toBeInstanceOf(MigrationDriftError);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("rolls back a failing migration completely", async () => {
      const dir = mkdtempSync(join(tmpdir(), "evident-mig-"));
      try {
        for (const m of listMigrations()) {
          mkdirSync(join(dir, m.name));
          writeFileSync(join(dir, m.name, "migration.sql"), m.sql);
        }
        mkdirSync(join(dir, "29990101000000_broken"));
        writeFileSync(join(dir, "29990101000000_broken", "migration.sql"), `CREATE TABLE "half_done" (id int);\nSELECT no_such_function();\n`);
        await expect(migrate(db, { dir })).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
        const t = await db.raw.query<{ t: string | null }>(`SELECT to_regclass('"half_done"')::text AS t`);
        expect(t[0]!.t).toBeNull();
        expect(await pendingMigrations(db, dir)).toEqual(["29990101000000_broken"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("creates, reads, updates and deletes records through Prisma, with relations, enums, arrays, JSON and dates", async () => {
      const p = db.prisma;
      const team = await p.team.create({ data: { name: `Team ${target.name}` } });
      const staff = await p.staff.create({ data: { name: "Jo Bloggs", role: "social_worker", jobTitle: "Social Worker", teamId: team.id, startDate: new Date("2018-01-08"), languages: ["English", "Polish"] } });
      const family = await p.family.create({ data: { reference: `FT-${target.name}`, name: "Test family", teamId: team.id } });
      const child = await p.person.create({
        data: { reference: `PT-${target.name}`, kind: "child", firstName: "Ada", lastName: "Test", birthDate: new Date("2012-02-29"), ethnicity: "WBRI", memberships: { create: { familyId: family.id, role: "child" } } },
      });
      await p.caseAllocation.create({ data: { familyId: family.id, staffId: staff.id, lead: true, fromDate: new Date("2019-01-01") } });
      await p.statusEpisode.createMany({
        data: [
          { childId: child.id, status: "CIN", startDate: new Date("2019-01-01"), endDate: new Date("2019-03-01"), source: "cin_census" },
          { childId: child.id, status: "CP", startDate: new Date("2019-03-01"), cpCategoryOfAbuse: "EMO", source: "manual" },
        ],
      });
      await p.assessment.create({ data: { childId: child.id, familyId: family.id, level: "CIN", startedAt: new Date("2019-01-05"), factors: ["3A", "3B", "21"] } });
      await p.enrolment.create({ data: { personId: child.id, programmeId: (await p.programme.create({ data: { code: `P-${target.name}`, name: "Prog", kind: "group" } })).id, referredAt: new Date("2019-02-01"), safetyChecks: { riskAssessed: true, notes: "ok" } } });

      const loaded = await p.family.findUniqueOrThrow({
        where: { id: family.id },
        include: { members: { include: { person: { include: { episodes: { orderBy: { startDate: "asc" } }, assessments: true, enrolments: true } } } }, allocations: { include: { staff: true } } },
      });
      const person = loaded.members[0]!.person;
      expect(person.birthDate?.toISOString()).toBe("2012-02-29T00:00:00.000Z");
      expect(person.episodes.map((e) => e.status)).toEqual(["CIN", "CP"]);
      expect(person.episodes[1]!.endDate).toBeNull();
      expect(person.assessments[0]!.factors).toEqual(["3A", "3B", "21"]);
      expect(person.enrolments[0]!.safetyChecks).toEqual({ riskAssessed: true, notes: "ok" });
      expect(loaded.allocations[0]!.staff.languages).toEqual(["English", "Polish"]);
      expect(await p.statusEpisode.count({ where: { childId: child.id, status: { in: ["CP", "CLA"] } } })).toBe(1);

      // BigInt money
      const cost = await p.programmeCost.create({ data: { programmeId: person.enrolments[0]!.programmeId, item: "Total", amountPence: 50159700n } });
      expect(cost.amountPence).toBe(50159700n);

      // optimistic concurrency: the version guards every edit
      const ok = await p.family.updateMany({ where: { id: family.id, version: 1 }, data: { name: "Renamed", version: { increment: 1 } } });
      expect(ok.count).toBe(1);
      const stale = await p.family.updateMany({ where: { id: family.id, version: 1 }, data: { name: "Stale write", version: { increment: 1 } } });
      expect(stale.count).toBe(0);
      const now = await p.family.findUniqueOrThrow({ where: { id: family.id } });
      expect(now).toMatchObject({ name: "Renamed", version: 2 });
      expect(now.updatedAt.getTime()).toBeGreaterThanOrEqual(now.createdAt.getTime());

      // interactive transactions roll back on error
      await expect(
        p.$transaction(async (tx) => {
          await tx.family.update({ where: { id: family.id }, data: { name: "Inside tx" } });
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect((await p.family.findUniqueOrThrow({ where: { id: family.id } })).name).toBe("Renamed");

      // unique constraints surface as Prisma P2002
      await expect(p.family.create({ data: { reference: `FT-${target.name}`, name: "dup" } })).rejects.toMatchObject({ code: "P2002" });

      // foreign keys surface as P2003, on both databases
      await expect(p.caseAllocation.create({ data: { familyId: family.id, staffId: "00000000-0000-4000-8000-000000000000", fromDate: new Date("2019-01-01") } })).rejects.toMatchObject({ code: "P2003" });

      // cascade delete of a family's members, not of the person
      await p.family.delete({ where: { id: family.id } });
      expect(await p.familyMember.count({ where: { personId: child.id } })).toBe(0);
      expect(await p.person.count({ where: { id: child.id } })).toBe(1);
    });

    it("keeps the audit log append-only: UPDATE, DELETE and TRUNCATE are refused, INSERT works", async () => {
      const p = db.prisma;
      const row = await p.auditLog.create({
        data: { action: "families.get", outcome: "success", actorRole: "practitioner", entityType: "Family", entityIds: ["f1"], personIds: ["p1", "p2"], fields: ["name"], requestId: "r1", ip: "127.0.0.1" },
      });
      await p.$transaction(async (tx) => {
        await tx.auditLog.create({ data: { action: "families.update", outcome: "denied", reason: "no access" } });
      });
      await expect(p.auditLog.update({ where: { id: row.id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
      await expect(p.auditLog.updateMany({ data: { outcome: "success" } })).rejects.toThrow(/append-only/);
      await expect(p.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
      await expect(p.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
      await expect(db.raw.exec(`TRUNCATE "audit_log"`)).rejects.toThrow(/append-only/);
      await expect(db.raw.query(`UPDATE "audit_log" SET action = 'x'`)).rejects.toThrow(/append-only/);
      expect(await p.auditLog.count()).toBe(2);
      expect(await p.auditLog.count({ where: { personIds: { has: "p2" } } })).toBe(1);
      expect((await p.auditLog.findUniqueOrThrow({ where: { id: row.id } })).action).toBe("families.get");
    });

    it("appends audit rows on the audit lane even when every pooled connection is taken", async () => {
      const row = (id: string) => ({
        id,
        at: new Date("2026-11-26T08:00:00.000Z"),
        actorId: null,
        actorRole: "manager",
        action: "families.list",
        entityType: "Family",
        entityIds: ["f-1", 'f-"2"'],
        personIds: [],
        fields: ["name"],
        reason: null,
        outcome: "success" as const,
        requestId: "r-lane",
        ip: null,
      });
      if (target.name === "pglite") {
        // One connection: the lane is the database itself.
        expect(db.auditSql).toBe(db.raw);
        await insertAuditRows(db.auditSql, [row("00000000-0000-4000-8000-00000000a001")]);
      } else {
        // Hold every connection of the pool (5 in these tests, test/targets.ts) in open transactions; the lane still commits.
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let started = 0;
        const holders = Array.from({ length: 5 }, () =>
          db.raw.transaction(async (tx) => {
            await tx.query("SELECT 1");
            started += 1;
            await held;
          }),
        );
        while (started < 5) await new Promise((r) => setTimeout(r, 10));
        const lane = await db.auditSql.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        await insertAuditRows(db.auditSql, [row("00000000-0000-4000-8000-00000000a001")]);
        release();
        await Promise.all(holders);
        const pooled = await db.raw.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        expect(lane[0]!.pid).not.toBe(pooled[0]!.pid);
      }
      const stored = await db.prisma.auditLog.findUniqueOrThrow({ where: { id: "00000000-0000-4000-8000-00000000a001" } });
      expect(stored.entityIds).toEqual(["f-1", 'f-"2"']);
      expect(stored.at.toISOString()).toBe("2026-11-26T08:00:00.000Z");
    });

    it("keeps saved analysis runs immutable", async () => {
      const p = db.prisma;
      const user = await p.user.create({ data: { name: "An Analyst", email: `analyst-${target.name}@example.org`, role: "analyst" } });
      const run = await p.analysisRun.create({ data: { kind: "cost_benefit", inputs: { cohort: "x" }, result: { saving: 194262 }, createdById: user.id, seed: 42 } });
      await expect(p.analysisRun.update({ where: { id: run.id }, data: { result: { saving: 1 } } })).rejects.toThrow(/append-only/);
      expect((await p.analysisRun.findUniqueOrThrow({ where: { id: run.id } })).result).toEqual({ saving: 194262 });
    });

    it("stores better-auth's tables with Evident's user fields", async () => {
      const p = db.prisma;
      const user = await p.user.create({ data: { name: "Dee", email: `dee-${target.name}@example.org`, role: "dv_worker", emailVerified: true } });
      expect(user).toMatchObject({ role: "dv_worker", disabled: false, failedSignIns: 0, lockedUntil: null, staffId: null, version: 1 });
      await p.account.create({ data: { userId: user.id, accountId: user.id, providerId: "credential", password: "hash" } });
      await p.session.create({ data: { userId: user.id, token: `tok-${target.name}`, expiresAt: new Date(Date.now() + 3600_000), ipAddress: "127.0.0.1" } });
      await p.verification.create({ data: { identifier: "x", value: "y", expiresAt: new Date() } });
      await p.user.delete({ where: { id: user.id } });
      expect(await p.session.count({ where: { userId: user.id } })).toBe(0);
      expect(await p.account.count({ where: { userId: user.id } })).toBe(0);
    });
  });
}

describe("embedded data folder", () => {
  const base = mkdtempSync(join(tmpdir(), "evident-dir-"));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("creates the folder, keeps data across reopen, and locks it against a second opener", async () => {
    const dir = join(base, "ok");
    const db = await createDb({ dataDir: dir, databaseUrl: null, migrate: true });
    expect(db.kind).toBe("pglite");
    expect(db.dataDir).toBe(dir);
    await db.prisma.team.create({ data: { name: "Persisted" } });
    await expect(createDb({ dataDir: dir, databaseUrl: null })).rejects.toThrow(/already open in this process/);
    await db.close();
    await db.close(); // idempotent
    const again = await createDb({ env: { EVIDENT_DATA_DIR: dir } });
    expect(await again.prisma.team.count({ where: { name: "Persisted" } })).toBe(1);
    await again.close();
  });

  it("refuses a foreign lock held by a live process", async () => {
    const dir = join(base, "locked");
    mkdirSync(dir);
    writeFileSync(`${dir}.lock`, String(process.ppid)); // a live process that is not us
    await expect(createDb({ dataDir: dir, databaseUrl: null })).rejects.toThrow(/in use by process/);
    writeFileSync(`${dir}.lock`, "999999999"); // stale: that process does not exist
    const db = await createDb({ dataDir: dir, databaseUrl: null });
    await db.close();
  });

  it("never re-initialises a non-empty folder that holds no database", async () => {
    const dir = join(base, "foreign");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "important");
    const error = await createDb({ dataDir: dir, databaseUrl: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirError);
    expect((error as Error).message).toMatch(/could not be opened[\s\S]*To restore[\s\S]*db:restore/);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("reports a damaged database folder with restore instructions and leaves it untouched", async () => {
    const dir = join(base, "damaged");
    const db = await createDb({ dataDir: dir, databaseUrl: null, migrate: true });
    await db.close();
    // destroy the control file: PostgreSQL cannot start without it
    writeFileSync(join(dir, "global", "pg_control"), Buffer.alloc(16));
    const listing = () => readdirSync(dir).filter((f) => f !== "postmaster.pid").sort(); // PGlite may leave its pid file after a failed start
    const before = listing();
    const error = await createDb({ dataDir: dir, databaseUrl: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toMatch(/has not changed or re-created it/);
    expect(listing()).toEqual(before);
    expect(readFileSync(join(dir, "global", "pg_control")).length).toBe(16);
  });
});
