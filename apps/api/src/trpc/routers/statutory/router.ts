/**
 * Importing the statutory returns (SSDA903, CIN census): a dry run reads and
 * validates the files (rules in @evident/core) and reports what the import
 * would add, update and skip, with every problem; the commit writes it in one
 * transaction (importStatutory in @evident/db), refused while any error
 * remains, and only for the very files the dry run reported on (digest).
 * Admins only: the files identify children.
 */
import { createHash } from "node:crypto";
import { hasStatutoryErrors, readStatutoryFiles, type TStatutoryExtract } from "@evident/core";
import { importStatutory, planStatutoryImport, StatutoryImportRefused, type ImportCounts } from "@evident/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { auditRow, recordAudit } from "../../../audit/audit.js";
import { authorised, router } from "../../trpc.js";

/** Per file, in characters (the whole request is limited to 40 MB by the server). */
export const MAX_FILE_CHARS = 40 * 1024 * 1024;

const ZFiles = z
  .array(
    z
      .object({
        name: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .regex(/^[^/\\\u0000-\u001f]+$/, "a file name without folders"),
        text: z.string().min(1, "the file is empty").max(MAX_FILE_CHARS, "the file is too large"),
      })
      .strict(),
  )
  .min(1, "choose at least one file")
  .max(30)
  .refine((files) => new Set(files.map((f) => f.name)).size === files.length, "two files have the same name");

const ZDryRun = z.object({ files: ZFiles, yearEnd: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict();
const ZCommit = ZDryRun.extend({ digest: z.string().regex(/^[0-9a-f]{64}$/, "run the dry run first") }).strict();

function digestOf(files: { name: string; text: string }[], yearEnd?: string): string {
  const h = createHash("sha256");
  h.update(yearEnd ?? "");
  for (const f of files) h.update(`\u0000${f.name}\u0000${f.text.length}\u0000`).update(f.text);
  return h.digest("hex");
}

function read(files: { name: string; text: string }[], yearEnd?: string): TStatutoryExtract {
  return readStatutoryFiles(files, yearEnd ? { yearEnd } : {});
}

const fileMeta = (extract: TStatutoryExtract, files: { name: string; text: string }[]) =>
  extract.files.map((f) => ({ name: f.name, kind: f.kind, rows: f.rows, sha256: createHash("sha256").update(files.find((x) => x.name === f.name)?.text ?? "").digest("hex") }));

export const statutoryRouter = router({
  /** Reads and validates the files and counts what an import would change; writes nothing (except the audit row). */
  dryRun: authorised("statutory:import")
    .input(ZDryRun)
    .mutation(async ({ ctx, input }) => {
      const extract = read(input.files, input.yearEnd);
      const plan = await planStatutoryImport(ctx.deps.db.raw, extract);
      const errors = extract.problems.filter((p) => p.severity === "error").length;
      await recordAudit(ctx, { action: "statutory.dryRun", outcome: "success", entityType: "StatutoryImport", fields: ["files"] });
      return {
        digest: digestOf(input.files, input.yearEnd),
        files: extract.files,
        counts: plan.counts,
        problems: extract.problems,
        errors,
        warnings: extract.problems.length - errors,
        canCommit: errors === 0,
      };
    }),

  /** Imports the files in one transaction: all or nothing. */
  commit: authorised("statutory:import")
    .input(ZCommit)
    .mutation(async ({ ctx, input }) => {
      if (digestOf(input.files, input.yearEnd) !== input.digest) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "These are not the files the dry run reported on: run the dry run again" });
      }
      const extract = read(input.files, input.yearEnd);
      if (hasStatutoryErrors(extract)) throw new TRPCError({ code: "BAD_REQUEST", message: "The files have errors: fix them and run the dry run again" });
      const files = fileMeta(extract, input.files);
      try {
        const result = await importStatutory(ctx.deps.db, extract, {
          files,
          actorId: ctx.user.id,
          audit: auditRow(ctx, { action: "statutory.commit", outcome: "success", entityType: "StatutoryImport", fields: ["files", "children", "claEpisodes", "cinPlans", "cpPlans", "referrals", "assessments"] }),
        });
        return { importId: result.importId, counts: result.counts as ImportCounts, files };
      } catch (error) {
        if (error instanceof StatutoryImportRefused) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
        throw error;
      }
    }),

  /** Past imports: when, by whom, which files, what changed. */
  history: authorised("statutory:import")
    .input(z.object({ take: z.number().int().min(1).max(100).default(20) }).strict().optional())
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.statutoryImport.findMany({ orderBy: { createdAt: "desc" }, take: input?.take ?? 20 });
      await recordAudit(ctx, { action: "statutory.history", outcome: "success", entityType: "StatutoryImport", entityIds: rows.map((r) => r.id) });
      return rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), createdById: r.createdById, files: r.files as { name: string; kind: string; rows: number }[], counts: r.counts as unknown as ImportCounts }));
    }),
});
