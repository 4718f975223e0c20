/**
 * Demo mode: one login per role, `<role>@demo.evident.local` with the
 * password `evident-demo`, created on start when missing and printed. Never in
 * production (the server refuses demo logins there too).
 */
import { ROLES, type TRole } from "@evident/core";
import { hashPassword } from "better-auth/crypto";
import { DEMO_EMAIL_DOMAIN } from "./auth/auth.js";
import type { Db } from "./db.js";
import { ensureDemoUsers, isSeeded } from "@evident/db";

export const DEMO_PASSWORD = "evident-demo";

const STAFF_ROLE: Record<TRole, string | null> = {
  admin: null,
  manager: "team_manager",
  practitioner: "social_worker",
  dv_worker: "domestic_abuse_worker",
  trainer: "trainer",
  analyst: "analyst",
  staff: "business_support",
};

export function demoEmail(role: TRole): string {
  return `${role}@${DEMO_EMAIL_DOMAIN}`;
}

/**
 * Creates any missing demo logins (idempotent) and returns the list to print.
 * On a seeded demo trust the logins are the seed's own staff (so the
 * practitioner has a caseload, the manager leads their team and the dv_worker
 * runs the perpetrators' groups); on an unseeded database each gets a
 * plain staff record in one demo team.
 */
export async function ensureDemoLogins(db: Db): Promise<{ role: TRole; email: string }[]> {
  const p = db.prisma;
  if (await isSeeded(p)) {
    await ensureDemoUsers(p, hashPassword, DEMO_PASSWORD);
    return ROLES.map((role) => ({ role, email: demoEmail(role) }));
  }
  const team =
    (await p.team.findFirst({ where: { name: "Demo Safeguarding Team" }, select: { id: true } })) ??
    (await p.team.findFirst({ orderBy: { name: "asc" }, select: { id: true } })) ??
    (await p.team.create({ data: { name: "Demo Safeguarding Team", service: "Safeguarding" }, select: { id: true } }));
  const hash = await hashPassword(DEMO_PASSWORD);
  const out: { role: TRole; email: string }[] = [];
  for (const role of ROLES) {
    const email = demoEmail(role);
    out.push({ role, email });
    const existing = await p.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) continue;
    const staffRole = STAFF_ROLE[role];
    const caseRole = role === "manager" || role === "practitioner" || role === "dv_worker";
    const staff = staffRole
      ? await p.staff.create({
          data: { name: `Demo ${role}`, role: staffRole as never, jobTitle: `Demo ${role.replace("_", " ")}`, teamId: caseRole ? team.id : null, startDate: new Date("2024-01-01"), languages: ["English"] },
          select: { id: true },
        })
      : null;
    const user = await p.user.create({
      data: { name: `Demo ${role}`, email, role, emailVerified: true, teamId: caseRole ? team.id : null, staffId: staff?.id ?? null },
      select: { id: true },
    });
    await p.account.create({ data: { userId: user.id, accountId: user.id, providerId: "credential", password: hash } });
  }
  return out;
}
