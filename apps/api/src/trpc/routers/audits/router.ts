/**
 * Case-file audits: templates, rounds (a sample of families' case files,
 * random with a recorded seed or chosen, each with a first and a second
 * auditor), each auditor's finding, moderation with agreement (percentage and
 * Cohen's kappa), the round report (share of case files with at least partial
 * evidence per question and period, with the small-number caution), and the
 * findings and actions a case's worker sees. Domain rules are in
 * @evident/core (`quality/audits.ts`); every read and write of a case file's
 * findings is audited.
 */
import { CASE_ROLES } from "@evident/core";
import { z } from "zod";
import { authorised, router } from "../../trpc.js";
import { templatesRouter } from "./templates.js";
import { roundsRouter } from "./rounds.js";
import { casesRouter } from "./cases.js";
import { myRouter } from "./my.js";

export const auditsRouter = router({
  templates: templatesRouter,
  rounds: roundsRouter,
  cases: casesRouter,
  my: myRouter,

  /** People who can be assigned as auditors (active logins with a case role). */
  auditors: authorised("audits:run")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.user.findMany({ where: { role: { in: [...CASE_ROLES] }, disabled: false }, select: { id: true, name: true, role: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 500 });
      return rows;
    }),
});
