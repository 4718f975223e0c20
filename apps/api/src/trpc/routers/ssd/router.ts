/**
 * Importing a Standard Safeguarding Dataset extract (docs/ssd.md): a dry run
 * reads and checks the tables (rules in @evident/core) and reports what the
 * import would add, update and skip, with every problem; the commit writes it
 * in one transaction (importSsd in @evident/db), refused while any error
 * remains and only for the very files the dry run reported on (digest).
 * Admins and analysts: the extract identifies children. Audited.
 */
import { createHash } from "node:crypto";
import { hasSsdErrors, readSsdFiles, ssdRecordRows, type SsdExtract } from "@evident/core";
import { unzipTextFiles, ZipError } from "@evident/core/node";
import { importSsd, planSsdImport, SsdImportRefused, type SsdImportCounts } from "@evident/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { auditRow, recordAudit } from "../../../audit/audit.js";
import { authorised, router } from "../../trpc.js";
import { MAX_FILE_CHARS } from "../statutory/router.js";

const ZFile = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^/\\\u0000-\u001f]+$/, "a file name without folders"),
    text: z.string().max(MAX_FILE_CHARS, "the file is too large"),
  })
  .strict();

const ZExtract = z
  .object({
    /** The extract's CSV files, one per table (`ssd_person.csv` …). */
    files: z.array(ZFile).max(80).optional(),
    /** Or the extract as one zip archive, base64. */
    zip: z.string().max(MAX_FILE_CHARS, "the zip file is too large").optional(),
  })
  .strict()
  .refine((x) => (x.files?.length ?? 0) > 0 || !!x.zip, { message: "choose the extract's files or a zip file", path: ["files"] })
  .refine((x) => !(x.files?.length && x.zip), { message: "choose either files or a zip file, not both", path: ["zip"] })
  .refine((x) => !x.files || new Set(x.files.map((f) => f.name.toLowerCase())).size === x.files.length, { message: "two files have the same name", path: ["files"] });

const ZCommit = z.object({ extract: ZExtract, digest: z.string().regex(/^[0-9a-f]{64}$/, "run the dry run first") }).strict();

function filesOf(input: z.infer<typeof ZExtract>): { name: string; text: string }[] {
  if (!input.zip) return input.files ?? [];
  try {
    return unzipTextFiles(Buffer.from(input.zip, "base64"));
  } catch (error) {
    if (error instanceof ZipError) throw new TRPCError({ code: "BAD_REQUEST", message: `zip: ${error.message}` });
    throw error;
  }
}

function digestOf(files: { name: string; text: string }[]): string {
  const h = createHash("sha256");
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) h.update(`\u0000${f.name}\u0000${f.text.length}\u0000`).update(f.text);
  return h.digest("hex");
}

const summary = (extract: SsdExtract) => extract.files.map((f) => ({ name: f.file, table: f.table, rows: f.rows }));

export const ssdRouter = router({
  /** Reads and checks the extract and counts what an import would change; writes nothing (except the audit row). */
  dryRun: authorised("ssd:import")
    .input(ZExtract)
    .mutation(async ({ ctx, input }) => {
      const files = filesOf(input);
      const extract = readSsdFiles(files);
      const errors = extract.problems.filter((p) => p.severity === "error").length;
      const counts = errors === 0 ? await planSsdImport(ctx.deps.db, { rows: ssdRecordRows(extract), problems: extract.problems }) : null;
      await recordAudit(ctx, { action: "ssd.dryRun", outcome: "success", entityType: "SsdImport", fields: ["files"] });
      return {
        digest: digestOf(files),
        files: summary(extract),
        counts,
        problems: extract.problems,
        errors,
        warnings: extract.problems.filter((p) => p.severity === "warning").length,
        canCommit: errors === 0,
      };
    }),

  /** Imports the extract in one transaction: all or nothing. */
  commit: authorised("ssd:import")
    .input(ZCommit)
    .mutation(async ({ ctx, input }) => {
      const files = filesOf(input.extract);
      if (digestOf(files) !== input.digest) throw new TRPCError({ code: "BAD_REQUEST", message: "This is not the extract the dry run reported on: run the dry run again" });
      const extract = readSsdFiles(files);
      if (hasSsdErrors(extract)) throw new TRPCError({ code: "BAD_REQUEST", message: "The extract has errors: fix them and run the dry run again" });
      try {
        const result = await importSsd(
          ctx.deps.db,
          { rows: ssdRecordRows(extract), problems: extract.problems },
          {
            files: summary(extract),
            digest: input.digest,
            actorId: ctx.user.id,
            audit: auditRow(ctx, { action: "ssd.commit", outcome: "success", entityType: "SsdImport", fields: ["people", "families", "workers", "referrals", "assessments", "episodes", "events", "allocations"] }),
          },
        );
        return { importId: result.importId, counts: result.counts as SsdImportCounts, files: summary(extract) };
      } catch (error) {
        if (error instanceof SsdImportRefused) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
        throw error;
      }
    }),

  /** Past imports: when, by whom, which tables, what changed. */
  history: authorised("ssd:import")
    .input(z.object({ take: z.number().int().min(1).max(100).default(20) }).strict().optional())
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.ssdImport.findMany({ orderBy: { createdAt: "desc" }, take: input?.take ?? 20 });
      await recordAudit(ctx, { action: "ssd.history", outcome: "success", entityType: "SsdImport", entityIds: rows.map((r) => r.id) });
      return rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), createdById: r.createdById, files: r.files as { name: string; table: string; rows: number }[], counts: r.counts as unknown as SsdImportCounts }));
    }),
});
