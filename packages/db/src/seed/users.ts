/**
 * Demo logins (one per role; the manager leads the practitioner's and the DV
 * worker's team) and the ids of the canary test fixture that demonstrates the
 * domestic-abuse information barrier (seeded only by tests: fixtures.ts).
 * Ids are fixed, whatever the seed number, so tests can name them.
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import type { StaffRole, UserRole } from "../generated/prisma/enums.js";

export const DEMO_EMAIL_DOMAIN = "demo.evident.local";
export const DEMO_PASSWORD = "evident-demo";

export interface DemoUser {
  id: string;
  staffId: string;
  role: UserRole;
  email: string;
  name: string;
  staffRole: StaffRole;
  jobTitle: string;
  /** Key of the team in reference.ts */
  team: string;
}

const uid = (n: number) => `00000000-0000-4000-8000-0000000d00${n.toString().padStart(2, "0")}`;
const sid = (n: number) => `00000000-0000-4000-8000-0000000e00${n.toString().padStart(2, "0")}`;

export const DEMO_USERS: readonly DemoUser[] = [
  { id: uid(1), staffId: sid(1), role: "admin", email: `admin@${DEMO_EMAIL_DOMAIN}`, name: "Ada Admin", staffRole: "business_support", jobTitle: "Systems Administrator", team: "lead" },
  { id: uid(2), staffId: sid(2), role: "manager", email: `manager@${DEMO_EMAIL_DOMAIN}`, name: "Morgan Manager", staffRole: "team_manager", jobTitle: "Team Manager, Domestic Abuse", team: "da" },
  { id: uid(3), staffId: sid(3), role: "practitioner", email: `practitioner@${DEMO_EMAIL_DOMAIN}`, name: "Pat Practitioner", staffRole: "social_worker", jobTitle: "Social Worker, Domestic Abuse", team: "da" },
  { id: uid(4), staffId: sid(4), role: "dv_worker", email: `dv_worker@${DEMO_EMAIL_DOMAIN}`, name: "Dee Worker", staffRole: "domestic_abuse_worker", jobTitle: "Domestic Abuse Family Support Worker (perpetrators' groups)", team: "da" },
  { id: uid(5), staffId: sid(5), role: "trainer", email: `trainer@${DEMO_EMAIL_DOMAIN}`, name: "Terry Trainer", staffRole: "trainer", jobTitle: "Learning & Development Officer", team: "wfd" },
  { id: uid(6), staffId: sid(6), role: "analyst", email: `analyst@${DEMO_EMAIL_DOMAIN}`, name: "Ana Analyst", staffRole: "analyst", jobTitle: "Performance Analyst", team: "pi" },
  { id: uid(7), staffId: sid(7), role: "staff", email: `staff@${DEMO_EMAIL_DOMAIN}`, name: "Sam Staff", staffRole: "family_support_worker", jobTitle: "Family Support Worker", team: "eh1" },
];

export const demoUser = (role: UserRole): DemoUser => DEMO_USERS.find((u) => u.role === role)!;

const cid = (n: number) => `00000000-0000-4000-8000-0000000ca${n.toString().padStart(3, "0")}`;

/**
 * The information-barrier canary: a victim whose contact details must never
 * reach `dv_worker@…` (who facilitates the perpetrators' group the linked
 * perpetrator attends, and is allocated to him). `practitioner@…` holds the
 * family on their caseload and may see them.
 */
export const CANARY = {
  phone: "07700 900999",
  postcode: "SL1 9ZZ",
  address: "14 Canary Walk",
  email: "rosa.canary@example.org",
  familyId: cid(1),
  familyReference: "F900001",
  victimPersonId: cid(2),
  perpetratorPersonId: cid(3),
  childPersonIds: [cid(4), cid(5)] as const,
  victimContactDetailsId: cid(6),
  perpetratorContactDetailsId: cid(7),
  personLinkId: cid(8),
  practitionerAllocationId: cid(9),
  dvWorkerAllocationId: cid(10),
  perpetratorsGroupId: cid(11),
  victimsGroupId: cid(12),
  perpetratorEnrolmentId: cid(13),
  victimEnrolmentId: cid(14),
  victimName: "Rosa Canary",
  perpetratorName: "Mark Canary",
} as const;

/**
 * Creates the demo users if missing (without touching existing ones) and a
 * better-auth credential account for each that has none, with the password
 * hashed by `hashPassword` (pass better-auth's own, e.g.
 * `(await auth.$context).password.hash`). Returns the emails.
 * The staff records the users point at are created by the seed; when they are
 * absent (an unseeded database) users are created without the link.
 */
export async function ensureDemoUsers(
  prisma: PrismaClient,
  hashPassword: (password: string) => Promise<string>,
  password: string = DEMO_PASSWORD,
): Promise<string[]> {
  let hash: string | null = null;
  for (const u of DEMO_USERS) {
    const staff = await prisma.staff.findUnique({ where: { id: u.staffId }, select: { id: true, teamId: true } });
    await prisma.user.upsert({
      where: { id: u.id },
      update: {},
      create: { id: u.id, name: u.name, email: u.email, emailVerified: true, role: u.role, staffId: staff?.id ?? null, teamId: staff?.teamId ?? null },
    });
    const hasCredential = await prisma.account.findFirst({ where: { userId: u.id, providerId: "credential" }, select: { id: true } });
    if (!hasCredential) {
      hash ??= await hashPassword(password);
      await prisma.account.create({ data: { userId: u.id, accountId: u.id, providerId: "credential", password: hash } });
    }
  }
  return DEMO_USERS.map((u) => u.email);
}
