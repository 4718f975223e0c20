/**
 * Pseudonymised evaluation extracts, for analysts and outside evaluators.
 * An extract is a chosen set of children and a secret key (kept here, never
 * sent): each download writes their current records with ids replaced by
 * HMAC pseudonyms under that key (stable within the extract, unrelated
 * across extracts), birth dates reduced to the month, and only coded fields
 * (EXTRACT_COLUMNS in @evident/core) — no names, addresses, postcodes,
 * contact details or free text. Every creation and download is audited with
 * the children's ids.
 */
import { buildExtractTables, EXTRACT_COLUMNS, EXTRACT_FORMATS, extractCounts, ZExtractRequest } from "@evident/core";
import { hmacPseudonymiser, newExtractSecret } from "@evident/core/node";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import type { DbClient } from "../../../db.js";
import { notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { chooseExtractChildren, loadExtractSource } from "./load.js";
import { csvFile, xlsxFile } from "../../../export/writer.js";

const ZId = z.string().uuid();
const ALL_FIELDS = Object.entries(EXTRACT_COLUMNS).flatMap(([t, cols]) => cols.map((c) => `${t}.${c}`));

export const extractsRouter = router({
  /** Cohorts an extract can be limited to (names and sizes only). */
  cohorts: authorised("extracts:read")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.cohort.findMany({ select: { id: true, name: true, kind: true, _count: { select: { members: true } } }, orderBy: { name: "asc" } });
      return rows.map((c) => ({ id: c.id, name: c.name, kind: c.kind, members: c._count.members }));
    }),

  list: authorised("extracts:read")
    .input(z.object({ take: z.number().int().min(1).max(200).default(50) }).strict().optional())
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.evaluationExtract.findMany({
        select: { id: true, title: true, cohortIds: true, counts: true, createdAt: true, createdById: true },
        orderBy: { createdAt: "desc" },
        take: input?.take ?? 50,
      });
      await recordAudit(ctx, { action: "extracts.list", outcome: "success", entityType: "EvaluationExtract", entityIds: rows.map((r) => r.id) });
      return rows.map((r) => ({ id: r.id, title: r.title, cohortIds: r.cohortIds, counts: r.counts as Record<string, number>, createdAt: r.createdAt.toISOString() }));
    }),

  /** Defines an extract: the children (now) and a fresh secret key. */
  create: authorised("extracts:create")
    .input(ZExtractRequest)
    .mutation(async ({ ctx, input }) => {
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        if (input.cohortIds.length) {
          const found = await tx.cohort.count({ where: { id: { in: input.cohortIds } } });
          if (found !== new Set(input.cohortIds).size) throw notFound("cohort");
        }
        const childIds = await chooseExtractChildren(tx, input.cohortIds);
        const secret = newExtractSecret();
        const tables = buildExtractTables(await loadExtractSource(tx, childIds, input.cohortIds), hmacPseudonymiser(secret));
        const counts = extractCounts(tables);
        const row = await tx.evaluationExtract.create({
          data: { title: input.title, secret, cohortIds: input.cohortIds, childIds, counts, createdById: ctx.user.id },
          select: { id: true, createdAt: true },
        });
        await recordAudit(ctx, { action: "extracts.create", outcome: "success", entityType: "EvaluationExtract", entityIds: [row.id, ...input.cohortIds], personIds: childIds, fields: ALL_FIELDS }, tx);
        return { id: row.id, createdAt: row.createdAt.toISOString(), counts };
      });
    }),

  /** The extract's files: one CSV per table, or one XLSX workbook (base64). */
  download: authorised("extracts:read")
    .input(z.object({ id: ZId, format: z.enum(EXTRACT_FORMATS) }).strict())
    .mutation(async ({ ctx, input }) => {
      const extract = await ctx.prisma.evaluationExtract.findUnique({ where: { id: input.id }, select: { id: true, title: true, secret: true, childIds: true, cohortIds: true, createdAt: true } });
      if (!extract) throw notFound("extract");
      const tables = buildExtractTables(await loadExtractSource(ctx.prisma, extract.childIds, extract.cohortIds), hmacPseudonymiser(extract.secret));
      const stem = `evident-extract-${extract.createdAt.toISOString().slice(0, 10)}-${extract.id.slice(0, 8)}`;
      await recordAudit(ctx, {
        action: "extracts.download",
        outcome: "success",
        entityType: "EvaluationExtract",
        entityIds: [extract.id],
        personIds: extract.childIds,
        fields: [input.format, ...ALL_FIELDS],
      });
      if (input.format === "csv") return { files: tables.map((t) => csvFile(`${stem}-${t.id}.csv`, [t])) };
      return { files: [await xlsxFile(`${stem}.xlsx`, extract.title, tables)] };
    }),
});
