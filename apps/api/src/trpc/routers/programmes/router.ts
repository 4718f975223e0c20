/**
 * Programmes: groups (tracks, languages, childcare, facilitators), sessions,
 * enrolments and the attendance register. A domestic-abuse worker sees and
 * runs the groups they facilitate; a manager also those of their team's
 * staff; a practitioner sees groups their caseload's people are enrolled in.
 * The register shows names only, never contact details.
 */
import { ZProgrammeListInput } from "@evident/core";
import { authorised, router } from "../../trpc.js";
import { oneToOneRouter } from "./one-to-one.js";
import { groupsRouter } from "./groups.js";
import { sessionsRouter } from "./sessions.js";
import { enrolmentsRouter } from "./enrolments.js";
import { registerRouter } from "./register.js";

export const programmesRouter = router({
  list: authorised("programmes:read")
    .input(ZProgrammeListInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.programme.findMany({
        where: { active: true },
        select: { id: true, code: true, name: true, kind: true, workstream: true },
        orderBy: { id: "asc" },
        take: input.limit,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      return { items: rows };
    }),

  groups: groupsRouter,
  sessions: sessionsRouter,
  enrolments: enrolmentsRouter,
  oneToOne: oneToOneRouter,
  register: registerRouter,
});
