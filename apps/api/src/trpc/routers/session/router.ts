/** The signed-in user's own account: who am I, and what may I do. */
import { PERMISSIONS, can, type TPermission } from "@evident/core";
import { z } from "zod";
import { authorised, router } from "../../trpc.js";
import { handoverRouter } from "./handover.js";

export const sessionRouter = router({
  me: authorised("training:own")
    .input(z.object({}).strict().optional())
    .query(({ ctx }) => ({
      id: ctx.user.id,
      name: ctx.user.name,
      role: ctx.user.role,
      teamId: ctx.user.teamId,
      permissions: (Object.keys(PERMISSIONS) as TPermission[]).filter((p) => can(ctx.user.role, p)),
      /** Set while this session is handed to a participant (the front end shows the lock screen). */
      handover: ctx.lock,
    })),
  handover: handoverRouter,
});
