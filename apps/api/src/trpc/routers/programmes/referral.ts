/**
 * Referral into a group by the family's worker, as well as by those who run
 * groups: the groups open to referral (names, track, language, day or
 * evening, childcare, start — never who is in them), and the group a caller
 * may refer into. The safety checks at referral are the same for everyone
 * (`safetyCheckProblems` in @evident/core, applied by enrolments.create).
 */
import { groupFinished, isoFromDate, ZGroupsForReferralInput } from "@evident/core";
import { notFound } from "../../errors.js";
import { authorised } from "../../trpc.js";
import type { AuthedContext } from "../scope.js";

/** The group someone may be referred into: one the caller runs, or — for the person's own worker — any group. */
export async function groupForReferral(ctx: AuthedContext, groupId: string, runWhere: Record<string, unknown>) {
  const select = { id: true, track: true, programmeId: true } as const;
  const run = await ctx.prisma.programmeGroup.findFirst({ where: { AND: [{ id: groupId }, runWhere] }, select });
  if (run) return run;
  // The family's worker (the person is checked to be on their caseload by the caller).
  const any = await ctx.prisma.programmeGroup.findUnique({ where: { id: groupId }, select });
  if (!any) throw notFound("Group");
  return any;
}

export const groupsForReferral = authorised("enrolments:refer")
  .input(ZGroupsForReferralInput)
  .query(async ({ ctx, input }) => {
    const rows: { id: string; name: string; track: string; language: string; slot: string; childcare: boolean; venue: string | null; startDate: Date; sessionsPlanned: number; programme: { name: string } }[] =
      await ctx.prisma.programmeGroup.findMany({
        where: input?.track ? { track: input.track } : {},
        select: { id: true, name: true, track: true, language: true, slot: true, childcare: true, venue: true, startDate: true, sessionsPlanned: true, programme: { select: { name: true } } },
        orderBy: [{ startDate: "desc" }, { id: "asc" }],
        take: 200,
      });
    const today = ctx.now.toISOString().slice(0, 10);
    const items = rows.map(({ programme, startDate, ...g }) => {
      const start = isoFromDate(startDate)!;
      return { ...g, programmeName: programme.name, startDate: start, finished: groupFinished({ startDate: start, sessionsPlanned: g.sessionsPlanned }, today) };
    });
    // Groups still running or starting come first, then the finished ones.
    return { items: [...items.filter((g) => !g.finished), ...items.filter((g) => g.finished)] };
  });
