/**
 * Training and onboarding: the catalogue, staff and their onboarding,
 * sessions and registers, "my training", reminders, dashboards and the
 * Table 26 report. Rules come from `@evident/core`'s training module; this
 * router loads, checks access, writes and audits.
 *
 * Permissions: `training:own` (everyone: the catalogue, my training, my
 * notifications), `training:read` (admin, trainer, manager: staff, sessions,
 * plans, dashboards, reports; managers see their own team's staff only),
 * `training:write` (admin, trainer: every other change), `training:assign`
 * (admin, trainer, manager: assigning by hand and recording completions from
 * outside providers; managers for their own team only, core `mayAssignTo`).
 */
import { router } from "../../trpc.js";
import { assignmentsRouter } from "./assignments.js";
import { catalogueRouter } from "./catalogue.js";
import { completionsRouter } from "./completions.js";
import { dashboardRouter, remindersRouter, reportsRouter } from "./dashboards.js";
import { myRouter, notificationsRouter } from "./my.js";
import { sessionsRouter } from "./sessions.js";
import { staffRouter } from "./staff.js";

export const trainingRouter = router({
  ...catalogueRouter,
  staff: staffRouter,
  assignments: assignmentsRouter,
  completions: completionsRouter,
  sessions: sessionsRouter,
  my: myRouter,
  notifications: notificationsRouter,
  reminders: remindersRouter,
  dashboard: dashboardRouter,
  reports: reportsRouter,
});
