/** One-to-one work: a one-to-one programme's enrolments of people in the caller's scope. */
import type { DbClient } from "../../../db.js";
import { dateFromIso, enrolmentDateProblems, isoFromDate, oneToOneEligibilityProblem, ZOneToOneCandidatesInput, ZOneToOneCreateInput, ZOneToOneListInput, ZOneToOneUpdateInput } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, fieldProblems, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { personInScope, personWhere } from "../scope.js";
import { enrolmentOut, oneToOneSelect, oneToOneWhere, patchedEnrolmentProblems, todayOf } from "./shared.js";

export const oneToOneRouter = router({
  list: authorised("programmes:read")
    .input(ZOneToOneListInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.enrolment.findMany({
        where: {
          AND: [
            oneToOneWhere(ctx),
            input.familyId ? { familyId: input.familyId } : {},
            input.personId ? { personId: input.personId } : {},
            input.open === undefined ? {} : input.open ? { status: { in: ["referred", "started"] } } : { status: { in: ["completed", "withdrawn"] } },
          ],
        },
        select: oneToOneSelect,
        orderBy: { id: "asc" },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      await recordAudit(ctx, { action: "programmes.oneToOne.list", outcome: "success", entityType: "Enrolment", entityIds: page.map((r) => r.id), personIds: page.map((r) => r.personId), fields: ["firstName", "lastName", "status"] });
      return { items: page.map(enrolmentOut), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  /** People in the caller's scope who completed a perpetrators' group and have no one-to-one work open or done. */
  candidates: authorised("programmes:read")
    .input(ZOneToOneCandidatesInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.enrolment.findMany({
        where: {
          status: "completed",
          group: { track: "perpetrators" },
          person: { AND: [personWhere(ctx), { enrolments: { none: { programme: { kind: "one_to_one" }, status: { in: ["referred", "started", "completed"] } } } }] },
        },
        select: { personId: true, completedAt: true, group: { select: { name: true } }, person: { select: { firstName: true, lastName: true } } },
        orderBy: { completedAt: "desc" },
        take: input.limit,
      });
      const seen = new Set<string>();
      const items = [];
      for (const r of rows as { personId: string; completedAt: Date | null; group: { name: string } | null; person: { firstName: string; lastName: string } }[]) {
        if (seen.has(r.personId)) continue;
        seen.add(r.personId);
        items.push({ personId: r.personId, name: `${r.person.firstName} ${r.person.lastName}`, group: r.group?.name ?? "", completedAt: isoFromDate(r.completedAt) });
      }
      await recordAudit(ctx, { action: "programmes.oneToOne.candidates", outcome: "success", entityType: "Person", entityIds: items.map((i) => i.personId), personIds: items.map((i) => i.personId), fields: ["firstName", "lastName"] });
      return { items };
    }),

  /** Refers someone who completed the perpetrators' group to the one-to-one programme. */
  create: authorised("programmes:write")
    .input(ZOneToOneCreateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      const programme = input.programmeId
        ? await ctx.prisma.programme.findFirst({ where: { id: input.programmeId, kind: "one_to_one", active: true }, select: { id: true } })
        : await ctx.prisma.programme.findFirst({ where: { kind: "one_to_one", active: true }, select: { id: true }, orderBy: { code: "asc" } });
      if (!programme) throw notFound("One-to-one programme");
      const history = await ctx.prisma.enrolment.findMany({ where: { personId: input.personId }, select: { status: true, programmeId: true, group: { select: { track: true } } } });
      const problem = oneToOneEligibilityProblem(history.map((h: { status: string; group: { track: "victims" | "perpetrators" } | null }) => ({ status: h.status, track: h.group?.track ?? null })));
      if (problem) throw fieldProblems([{ path: "personId", message: problem }]);
      if (history.some((h: { status: string; programmeId: string }) => h.programmeId === programme.id && (h.status === "referred" || h.status === "started"))) {
        throw conflict("This person already has one-to-one work open");
      }
      const dates = enrolmentDateProblems({ status: input.startedAt ? "started" : "referred", referredAt: input.referredAt, startedAt: input.startedAt ?? null, completedAt: null, withdrawnAt: null }, todayOf(ctx));
      if (input.referredAt > todayOf(ctx)) dates.unshift({ path: "referredAt", message: "The referral cannot be in the future" });
      if (dates.length) throw fieldProblems(dates);
      const membership = await ctx.prisma.familyMember.findFirst({ where: { personId: input.personId }, select: { familyId: true }, orderBy: { id: "asc" } });
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.enrolment.create({
          data: {
            personId: input.personId,
            programmeId: programme.id,
            familyId: membership?.familyId ?? null,
            status: input.startedAt ? "started" : "referred",
            referredAt: dateFromIso(input.referredAt),
            startedAt: input.startedAt ? dateFromIso(input.startedAt) : null,
            referralSource: input.referralSource ?? null,
          },
          select: oneToOneSelect,
        });
        await recordAudit(ctx, { action: "programmes.oneToOne.create", outcome: "success", entityType: "Enrolment", entityIds: [row.id], personIds: [input.personId], fields: Object.keys(input) }, tx);
        return enrolmentOut(row);
      });
    }),

  /** Records the start, completion or withdrawal; the dates must run in order (core rules). */
  update: authorised("programmes:write")
    .input(ZOneToOneUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.enrolment.findFirst({ where: { AND: [{ id: input.id }, oneToOneWhere(ctx)] }, select: oneToOneSelect });
      if (!existing) throw notFound("One-to-one work");
      const p = input.patch;
      const before = enrolmentOut(existing);
      const problems = patchedEnrolmentProblems(before, p, todayOf(ctx));
      if (problems.length) throw fieldProblems(problems);
      const data: Record<string, unknown> = { ...p, version: { increment: 1 } };
      for (const key of ["startedAt", "completedAt", "withdrawnAt"] as const) if (p[key] !== undefined) data[key] = p[key] === null ? null : dateFromIso(p[key]!);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.enrolment.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "programmes.oneToOne.update", outcome: "success", entityType: "Enrolment", entityIds: [input.id], personIds: [existing.personId], fields: Object.keys(p) }, tx);
        return enrolmentOut(await tx.enrolment.findUniqueOrThrow({ where: { id: input.id }, select: oneToOneSelect }));
      });
    }),
});
