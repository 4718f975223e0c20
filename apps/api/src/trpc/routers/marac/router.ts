/**
 * Referrals of victims to a Multi-Agency Risk Assessment Conference (report
 * Appendix 1: "Referral to Multi-Agency Risk Assessment Conference", counted
 * as an output for the system). The criteria rule (DASH 14+ for visible high
 * risk, professional judgement, potential escalation) and the repeat-referral
 * rule are in @evident/core (`da-work`).
 *
 * Access: the victim must be in the caller's record scope, and the
 * information barrier applies (`barrier.ts`): someone working with a linked
 * perpetrator never gets a referral back. A single referral they ask for is
 * NOT_FOUND (as if it did not exist); a list filtered to such a victim is
 * FORBIDDEN with the same message whether or not there are referrals;
 * unfiltered lists leave those referrals out. Every read, write and denial is
 * audited.
 */
import { dateFromIso, isoFromDate, repeatMaracReferrals, ZById, ZMaracOutcomeInput, ZMaracReferralCreateInput, ZMaracReferralListInput } from "@evident/core";
import { TRPCError } from "@trpc/server";
import type { DbClient } from "../../../db.js";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyWhere, personInScope, personWhere, type AuthedContext } from "../scope.js";
import { barredPeople } from "../people/barrier.js";

const maracSelect = {
  id: true,
  personId: true,
  perpetratorPersonId: true,
  familyId: true,
  referredOn: true,
  referringAgency: true,
  referringStaffId: true,
  dashScore: true,
  criteria: true,
  conferenceDate: true,
  outcome: true,
  version: true,
  person: { select: { reference: true, firstName: true, lastName: true, restricted: true } },
  family: { select: { reference: true, name: true } },
  referringStaff: { select: { name: true } },
} as const;

const FIELDS = Object.keys(maracSelect);

type Row = { id: string; personId: string; referredOn: Date; conferenceDate: Date | null } & Record<string, unknown>;

/** Adds `repeat` (a referral within 12 months of the same victim's previous one), from all of each victim's referrals. */
async function withRepeat<T extends Row>(ctx: AuthedContext, rows: T[]) {
  const personIds = [...new Set(rows.map((r) => r.personId))];
  const all = personIds.length === 0 ? [] : await ctx.prisma.maracReferral.findMany({ where: { personId: { in: personIds } }, select: { id: true, personId: true, referredOn: true } });
  const repeats = repeatMaracReferrals(all.map((r: { id: string; personId: string; referredOn: Date }) => ({ id: r.id, personId: r.personId, date: isoFromDate(r.referredOn)! })));
  return rows.map((r) => ({ ...r, referredOn: isoFromDate(r.referredOn)!, conferenceDate: isoFromDate(r.conferenceDate), repeat: repeats.has(r.id) }));
}

async function deny(ctx: AuthedContext, action: string, personId: string, entityIds: string[] = []) {
  await recordAudit(ctx, { action, outcome: "denied", entityType: "MaracReferral", entityIds: [...entityIds, personId], personIds: [personId], reason: "information barrier" });
}

/** One referral the caller may see (NOT_FOUND otherwise, also behind the barrier). */
async function referralInScope(ctx: AuthedContext, id: string, action: string) {
  const row = await ctx.prisma.maracReferral.findFirst({ where: { id, person: personWhere(ctx) }, select: maracSelect });
  if (!row) throw notFound("MARAC referral");
  if ((await barredPeople(ctx, [row.personId])).size > 0) {
    await deny(ctx, action, row.personId, [row.id]);
    throw notFound("MARAC referral");
  }
  return row;
}

export const maracRouter = router({
  list: authorised("marac:read")
    .input(ZMaracReferralListInput)
    .query(async ({ ctx, input }) => {
      if (input.personId) {
        await personInScope(ctx, input.personId);
        if ((await barredPeople(ctx, [input.personId])).size > 0) {
          await deny(ctx, "marac.list", input.personId);
          // The same answer as for a person out of scope: a barred record reads like a missing one.
        throw notFound("Person");
        }
      }
      const rows = await ctx.prisma.maracReferral.findMany({
        where: { AND: [{ person: personWhere(ctx) }, input.personId ? { personId: input.personId } : {}, input.familyId ? { familyId: input.familyId, family: familyWhere(ctx) } : {}] },
        select: maracSelect,
        orderBy: [{ referredOn: "desc" }, { id: "asc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      const barred = await barredPeople(ctx, page.map((r) => r.personId));
      const visible = page.filter((r) => !barred.has(r.personId));
      await recordAudit(ctx, { action: "marac.list", outcome: "success", entityType: "MaracReferral", entityIds: visible.map((r) => r.id), personIds: visible.map((r) => r.personId), fields: FIELDS });
      return { items: await withRepeat(ctx, visible), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  get: authorised("marac:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const row = await referralInScope(ctx, input.id, "marac.get");
      await recordAudit(ctx, { action: "marac.get", outcome: "success", entityType: "MaracReferral", entityIds: [row.id], personIds: [row.personId], fields: FIELDS });
      return (await withRepeat(ctx, [row]))[0]!;
    }),

  create: authorised("marac:write")
    .input(ZMaracReferralCreateInput)
    .mutation(async ({ ctx, input }) => {
      const today = ctx.now.toISOString().slice(0, 10);
      if (input.referredOn > today) throw new TRPCError({ code: "BAD_REQUEST", message: "referredOn: a referral cannot be dated in the future" });
      await personInScope(ctx, input.personId);
      if (input.familyId) {
        const member = await ctx.prisma.familyMember.findFirst({ where: { familyId: input.familyId, personId: input.personId, family: familyWhere(ctx) }, select: { id: true } });
        if (!member) throw notFound("Person in this family");
      }
      if ((await barredPeople(ctx, [input.personId])).size > 0) {
        await deny(ctx, "marac.create", input.personId);
        // The same answer as for a person out of scope: a barred record reads like a missing one.
        throw notFound("Person");
      }
      if (input.perpetratorPersonId) await personInScope(ctx, input.perpetratorPersonId);
      const referringStaffId = input.referringStaffId ?? ctx.user.staffId ?? null;
      if (referringStaffId && !(await ctx.prisma.staff.findUnique({ where: { id: referringStaffId }, select: { id: true } }))) throw notFound("Member of staff");
      const row = await ctx.prisma.$transaction(async (tx: DbClient) => {
        const created = await tx.maracReferral.create({
          data: {
            personId: input.personId,
            perpetratorPersonId: input.perpetratorPersonId ?? null,
            familyId: input.familyId ?? null,
            referredOn: dateFromIso(input.referredOn),
            referringAgency: input.referringAgency,
            referringStaffId,
            dashScore: input.dashScore ?? null,
            criteria: input.criteria,
            createdById: ctx.user.id,
          },
          select: maracSelect,
        });
        await recordAudit(ctx, { action: "marac.create", outcome: "success", entityType: "MaracReferral", entityIds: [created.id], personIds: [input.personId, ...(input.perpetratorPersonId ? [input.perpetratorPersonId] : [])], fields: Object.keys(input) }, tx);
        return created;
      });
      return (await withRepeat(ctx, [row]))[0]!;
    }),

  /** Records what the conference decided (or that the referral was withdrawn or not heard). */
  recordOutcome: authorised("marac:write")
    .input(ZMaracOutcomeInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await referralInScope(ctx, input.id, "marac.recordOutcome");
      const referredOn = isoFromDate(existing.referredOn)!;
      if (input.conferenceDate && input.conferenceDate < referredOn) throw new TRPCError({ code: "BAD_REQUEST", message: "conferenceDate: the conference is on or after the referral date" });
      if (input.conferenceDate && input.conferenceDate > ctx.now.toISOString().slice(0, 10)) throw new TRPCError({ code: "BAD_REQUEST", message: "conferenceDate: an outcome is recorded after the conference" });
      const row = await ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.maracReferral.updateMany({
          where: { id: input.id, version: input.version },
          data: { outcome: input.outcome, conferenceDate: input.conferenceDate ? dateFromIso(input.conferenceDate) : null, version: { increment: 1 } },
        });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "marac.recordOutcome", outcome: "success", entityType: "MaracReferral", entityIds: [input.id], personIds: [existing.personId], fields: ["outcome", "conferenceDate"] }, tx);
        return tx.maracReferral.findUniqueOrThrow({ where: { id: input.id }, select: maracSelect });
      });
      return (await withRepeat(ctx, [row]))[0]!;
    }),
});
