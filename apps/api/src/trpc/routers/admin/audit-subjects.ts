/**
 * The audit log's record picker (issue #17): an administrator finds the record to filter by its name
 * instead of typing its id. Only records an administrator may see are searched: staff accounts, staff in
 * the training records, teams, logic models and courses. People in case records are not (an administrator
 * cannot read cases, AC-6): their id can still be typed under "Advanced". The search is audited.
 */
import { ZAuditSubjectsInput } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { authorised } from "../../trpc.js";

/** At most this many matches of each kind. */
const EACH = 10;

export const auditSubjects = authorised("audit:read")
  .input(ZAuditSubjectsInput)
  .query(async ({ ctx, input }) => {
    const has = { contains: input.search, mode: "insensitive" as const };
    const [users, staff, teams, models, courses] = await Promise.all([
      ctx.prisma.user.findMany({ where: { OR: [{ name: has }, { email: has }] }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" }, take: EACH }),
      ctx.prisma.staff.findMany({ where: { OR: [{ name: has }, { email: has }] }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" }, take: EACH }),
      ctx.prisma.team.findMany({ where: { name: has }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: EACH }),
      ctx.prisma.logicModel.findMany({ where: { name: has }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: EACH }),
      ctx.prisma.course.findMany({ where: { title: has }, select: { id: true, title: true }, orderBy: { title: "asc" }, take: EACH }),
    ]);
    const items = [
      ...users.map((u) => ({ id: u.id, kind: "Staff account", name: `${u.name} (${u.email})` })),
      ...staff.map((s) => ({ id: s.id, kind: "Training record", name: s.email ? `${s.name} (${s.email})` : s.name })),
      ...teams.map((t) => ({ id: t.id, kind: "Team", name: t.name })),
      ...models.map((m) => ({ id: m.id, kind: "Logic model", name: m.name })),
      ...courses.map((c) => ({ id: c.id, kind: "Course", name: c.title })),
    ];
    await recordAudit(ctx, { action: "admin.audit.subjects", outcome: "success", entityType: "AuditLog", fields: ["search"], reason: `${items.length} matches` });
    return items;
  });
