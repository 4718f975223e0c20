/** Case-file audit templates: the questions a round asks. */
import type { DbClient } from "../../../db.js";
import { ZAuditTemplateInput, ZById } from "@evident/core";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import { notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { questionsOf } from "./shared.js";

export const templatesRouter = router({
  list: authorised("audits:read")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.auditTemplate.findMany({ orderBy: { name: "asc" }, select: { id: true, code: true, name: true, description: true, questions: true, version: true } });
      return rows.map((t) => ({ ...t, questions: undefined, questionCount: Array.isArray(t.questions) ? t.questions.length : 0 }));
    }),

  get: authorised("audits:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const t = await ctx.prisma.auditTemplate.findUnique({ where: { id: input.id } });
      if (!t) throw notFound("Audit template");
      return { id: t.id, code: t.code, name: t.name, description: t.description, version: t.version, questions: questionsOf(t.questions) };
    }),

  create: authorised("audits:write")
    .input(ZAuditTemplateInput)
    .mutation(async ({ ctx, input }) => {
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const t = await tx.auditTemplate.create({ data: { code: input.code, name: input.name, description: input.description, questions: input.questions } });
        await recordAudit(ctx, { action: "audits.templates.create", outcome: "success", entityType: "AuditTemplate", entityIds: [t.id], fields: ["code", "name", "description", "questions"] }, tx);
        return { id: t.id, code: t.code, name: t.name, version: t.version };
      });
    }),
});
