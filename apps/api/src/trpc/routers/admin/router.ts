/**
 * Administration: staff accounts (users.ts), teams (teams.ts), the email
 * outbox (outbox.ts) and the audit log.
 */
import { router } from "../../trpc.js";
import { auditRouter } from "./audit.js";
import { outboxRouter } from "./outbox.js";
import { teamsRouter } from "./teams.js";
import { usersRouter } from "./users.js";

export const adminRouter = router({
  users: usersRouter,
  teams: teamsRouter,
  outbox: outboxRouter,

  audit: auditRouter,
});
