/**
 * Participant hand-over (core access/handover.ts): `lock` marks the caller's
 * own session as handed to a participant for one person's questionnaire
 * (table session_lock); from then on the API refuses everything else for that
 * session (trpc.ts, and /api/auth/* in server.ts). `unlock` needs the worker's
 * password, checked here on the server, throttled and counted with sign-in's
 * own limits (auth/throttle.ts), and audited, success or not. It reports how
 * many questionnaires were saved during the hand-over: answers are saved by
 * the participant's Finish, before the lock can be lifted.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import { claimAttempt, recordSuccess, signInKey } from "../../../auth/throttle.js";
import { fieldProblems } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { personInScope } from "../scope.js";

const ZId = z.string().min(1).max(64);

export const handoverRouter = router({
  /** Hands this session to a participant: only `personId`'s answers to `instrumentId` may be given until the worker unlocks it. */
  lock: authorised("questionnaires:write")
    .input(z.object({ personId: ZId, instrumentId: ZId }).strict())
    .mutation(async ({ ctx, input }) => {
      if (!ctx.sessionId) throw new TRPCError({ code: "BAD_REQUEST", message: "Only a session signed in on a device can be handed to a participant" });
      await personInScope(ctx, input.personId);
      const instrument = await ctx.prisma.questionnaireInstrument.findUnique({ where: { id: input.instrumentId }, select: { id: true } });
      if (!instrument) throw new TRPCError({ code: "NOT_FOUND", message: "Questionnaire not found" });
      const data = { personId: input.personId, instrumentId: input.instrumentId, lockedAt: ctx.now };
      await ctx.prisma.$transaction(async (tx) => {
        await tx.sessionLock.upsert({ where: { sessionId: ctx.sessionId! }, create: { sessionId: ctx.sessionId!, ...data }, update: data });
        await recordAudit(ctx, { action: "session.handover.lock", outcome: "success", entityType: "Session", entityIds: [ctx.sessionId!, input.instrumentId], personIds: [input.personId] }, tx);
      });
      return { locked: true as const, lockedAt: ctx.now.toISOString() };
    }),

  /** The worker takes the device back with their password. */
  unlock: authorised("training:own")
    .input(z.object({ password: z.string().max(1000) }).strict())
    .mutation(async ({ ctx, input }) => {
      const sessionId = ctx.sessionId;
      const lock = sessionId ? await ctx.prisma.sessionLock.findUnique({ where: { sessionId } }) : null;
      if (!sessionId || !lock) throw new TRPCError({ code: "BAD_REQUEST", message: "This session is not handed to a participant" });
      if (!input.password) throw fieldProblems([{ path: "password", message: "Enter your password" }]);
      const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ctx.user.id }, select: { email: true, accounts: { where: { providerId: "credential" }, select: { password: true } } } });
      const hash = user.accounts[0]?.password;
      if (!hash) throw fieldProblems([{ path: "password", message: "Your account signs in without a password here: sign out, then sign in again" }]);
      const claim = { emailKey: signInKey(user.email), userId: ctx.user.id, ip: ctx.ip, now: ctx.now };
      const decision = await claimAttempt(ctx.prisma, claim);
      if (!decision.allowed) {
        await recordAudit(ctx, { action: "session.handover.unlock", outcome: "denied", entityType: "Session", entityIds: [sessionId], reason: "throttled: too many wrong passwords" });
        const wait = Math.max(1, Math.ceil(((decision.retryAt?.getTime() ?? ctx.now.getTime()) - ctx.now.getTime()) / 1000));
        throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: decision.reason === "address" ? `Too many wrong passwords. Wait ${wait} seconds and try again.` : "Too many wrong passwords for this account. Ask an administrator to unlock it." });
      }
      const auth = await ctx.deps.auth.$context;
      const right = await auth.password.verify({ password: input.password, hash });
      if (!right) {
        await recordAudit(ctx, { action: "session.handover.unlock", outcome: "failure", entityType: "Session", entityIds: [sessionId], reason: "wrong password" });
        throw fieldProblems([{ path: "password", message: "The password is not correct" }]);
      }
      await recordSuccess(ctx.prisma, claim);
      const saved = await ctx.prisma.questionnaireResponse.count({ where: { personId: lock.personId, instrumentId: lock.instrumentId, createdAt: { gte: lock.lockedAt } } });
      await ctx.prisma.$transaction(async (tx) => {
        await tx.sessionLock.delete({ where: { sessionId } });
        await recordAudit(ctx, { action: "session.handover.unlock", outcome: "success", entityType: "Session", entityIds: [sessionId, lock.instrumentId], personIds: [lock.personId], reason: `${saved} questionnaire(s) saved during the hand-over` }, tx);
      });
      return { unlocked: true as const, personId: lock.personId, instrumentId: lock.instrumentId, saved };
    }),
});
