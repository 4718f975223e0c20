/**
 * The audit log for administrators: filter by user, person or record, action,
 * outcome and dates; export the filtered rows as CSV (text neutralised against
 * spreadsheet formulas by core `toCsv`). Reading and exporting are themselves
 * audited, with the filters used.
 */
import { dateFromIso, text, toCsv, ZAuditExportInput, ZAuditListInput } from "@evident/core";
import type { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import { authorised, router } from "../../trpc.js";
import { auditSubjects } from "./audit-subjects.js";

/** At most this many rows in one export (narrow the filters for more). */
export const AUDIT_EXPORT_MAX = 5000;

type Filters = z.infer<typeof ZAuditExportInput>;

function auditWhere(input: Filters) {
  return {
    ...(input.actorId ? { actorId: input.actorId } : {}),
    // A person or a record: the row touched it as a record, or read or wrote that person's record.
    ...(input.entityId ? { OR: [{ entityIds: { has: input.entityId } }, { personIds: { has: input.entityId } }] } : {}),
    ...(input.action ? { action: input.action } : {}),
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(input.from || input.to
      ? { at: { ...(input.from ? { gte: dateFromIso(input.from) } : {}), ...(input.to ? { lt: new Date(dateFromIso(input.to).getTime() + 86_400_000) } : {}) } }
      : {}),
  };
}

function filtersUsed(input: Filters): string[] {
  return (["actorId", "entityId", "action", "outcome", "from", "to"] as const).filter((k) => input[k] !== undefined);
}

const select = { id: true, at: true, actorId: true, actorRole: true, action: true, entityType: true, entityIds: true, personIds: true, fields: true, reason: true, outcome: true, requestId: true } as const;

export const auditRouter = router({
  subjects: auditSubjects,

  list: authorised("audit:read")
    .input(ZAuditListInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.auditLog.findMany({
        where: auditWhere(input),
        select,
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      await recordAudit(ctx, { action: "admin.audit.list", outcome: "success", entityType: "AuditLog", fields: filtersUsed(input) });
      return { items: page.map((r) => ({ ...r, at: r.at.toISOString() })), nextCursor: rows.length > input.limit ? String(page[page.length - 1]?.id ?? "") : null };
    }),

  export: authorised("audit:read")
    .input(ZAuditExportInput)
    .mutation(async ({ ctx, input }) => {
      const rows = await ctx.prisma.auditLog.findMany({ where: auditWhere(input), select, orderBy: [{ at: "desc" }, { id: "desc" }], take: AUDIT_EXPORT_MAX + 1 });
      const page = rows.slice(0, AUDIT_EXPORT_MAX);
      const actors = await ctx.prisma.user.findMany({ where: { id: { in: [...new Set(page.map((r) => r.actorId).filter((id): id is string => !!id))] } }, select: { id: true, email: true } });
      const emailOf = new Map(actors.map((a) => [a.id, a.email]));
      const csv = toCsv({
        id: "audit-log",
        title: "Audit log",
        columns: ["When (UTC)", "User", "User id", "Role", "Action", "Outcome", "Record type", "Records", "People", "Fields", "Reason", "Request"],
        rows: page.map((r) =>
          [r.at.toISOString(), emailOf.get(r.actorId ?? "") ?? "", r.actorId ?? "", r.actorRole ?? "", r.action, r.outcome, r.entityType ?? "", r.entityIds.join(" "), r.personIds.join(" "), r.fields.join(" "), r.reason ?? "", r.requestId ?? ""].map(text),
        ),
      });
      await recordAudit(ctx, { action: "admin.audit.export", outcome: "success", entityType: "AuditLog", fields: filtersUsed(input), reason: `${page.length} rows exported` });
      return { filename: `evident-audit-${ctx.now.toISOString().slice(0, 10)}.csv`, csv, rows: page.length, truncated: rows.length > AUDIT_EXPORT_MAX };
    }),
});
