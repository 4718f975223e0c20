/**
 * The email outbox for administrators: what was sent, is waiting or failed.
 * In demo mode (no SMTP_URL) it shows the whole message — what would have
 * been sent — so invitations and password resets can be followed on a demo;
 * otherwise only address, subject and status (bodies hold one-time links).
 */
import { ZOutboxListInput } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { authorised, router } from "../../trpc.js";

export const outboxRouter = router({
  list: authorised("outbox:read")
    .input(ZOutboxListInput)
    .query(async ({ ctx, input }) => {
      const showBodies = ctx.deps.config.demo && !ctx.deps.config.smtpUrl;
      const rows = await ctx.prisma.emailOutbox.findMany({
        where: input.status ? { status: input.status } : {},
        select: { id: true, to: true, subject: true, bodyText: true, template: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      await recordAudit(ctx, { action: "admin.outbox.list", outcome: "success", entityType: "EmailOutbox", entityIds: page.map((r) => r.id), fields: showBodies ? ["to", "subject", "body"] : ["to", "subject"] });
      return {
        sending: Boolean(ctx.deps.config.smtpUrl),
        showsBodies: showBodies,
        items: page.map((r) => ({ ...r, bodyText: showBodies ? r.bodyText : null, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })),
        nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    }),
});
