/** Enrolments: referring someone into a group (by those who run it or by the person's own worker, with the same safety checks) and updating an enrolment. */
import type { DbClient } from "../../../db.js";
import { dateFromIso, safetyCheckProblems, ZEnrolmentCreateInput, ZEnrolmentUpdateInput } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, fieldProblems, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { personInScope } from "../scope.js";
import { refuseBarredWrite } from "../people/barrier.js";
import { groupForReferral } from "./referral.js";
import { enrolmentOut, enrolmentSelect, groupRunWhere, patchedEnrolmentProblems, todayOf } from "./shared.js";

export const enrolmentsRouter = router({
  /** A referral by someone who runs the group, or by the person's own worker (same safety checks). */
  create: authorised("enrolments:refer")
    .input(ZEnrolmentCreateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      await refuseBarredWrite(ctx, "programmes.enrolments.create", [input.personId]);
      const group = await groupForReferral(ctx, input.groupId, groupRunWhere(ctx));
      // The safety checks for the group's track are stored with the referral (core rules).
      const safety = safetyCheckProblems(group.track as "victims" | "perpetrators", input.safetyChecks);
      if (safety.length) throw fieldProblems(safety);
      const roles = await ctx.prisma.familyMember.findMany({ where: { personId: input.personId }, select: { role: true, familyId: true } });
      const isVictim = roles.some((r: { role: string }) => r.role === "victim");
      const isPerpetrator = roles.some((r: { role: string }) => r.role === "perpetrator");
      // Safety check at referral: victims and perpetrators never share a group.
      if ((group.track === "victims" && isPerpetrator) || (group.track === "perpetrators" && isVictim)) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "This person cannot join a group on this track" });
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.enrolment.create({
          data: {
            personId: input.personId,
            programmeId: group.programmeId,
            groupId: input.groupId,
            familyId: roles[0]?.familyId ?? null,
            referredAt: input.referredAt ? dateFromIso(input.referredAt) : ctx.now,
            referralSource: input.referralSource ?? null,
            safetyChecks: input.safetyChecks!,
            status: "referred",
          },
          select: enrolmentSelect,
        });
        await recordAudit(ctx, { action: "programmes.enrolments.create", outcome: "success", entityType: "Enrolment", entityIds: [row.id, input.groupId], personIds: [input.personId], fields: Object.keys(input) }, tx);
        return enrolmentOut(row);
      });
    }),

  update: authorised("programmes:write")
    .input(ZEnrolmentUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.enrolment.findFirst({ where: { id: input.id, group: groupRunWhere(ctx) }, select: enrolmentSelect });
      if (!existing) throw notFound("Enrolment");
      // Start, completion, withdrawal (with its date and reason) and re-instatement: the core's date rules apply to the enrolment as it would be after the change.
      const p = input.patch;
      const before = enrolmentOut(existing);
      const problems = patchedEnrolmentProblems(before, p, todayOf(ctx));
      if (problems.length) throw fieldProblems(problems);
      const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
      for (const key of ["startedAt", "completedAt", "withdrawnAt"] as const) {
        const v = input.patch[key];
        if (v !== undefined) data[key] = v === null ? null : dateFromIso(v);
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.enrolment.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "programmes.enrolments.update", outcome: "success", entityType: "Enrolment", entityIds: [input.id], personIds: [existing.personId], fields: Object.keys(input.patch) }, tx);
        return enrolmentOut(await tx.enrolment.findUniqueOrThrow({ where: { id: input.id }, select: enrolmentSelect }));
      });
    }),
});
