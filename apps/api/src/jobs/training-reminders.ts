/**
 * The training reminder job: refreshers due before (and just after) expiry
 * (core `remindersDue`) and overdue assignments (core `overdueReminders`)
 * become in-app notifications (for staff with a login) and rows in the email
 * outbox (for staff with an address; a mail relay drains it).
 *
 * Never twice: every reminder has a stable key (staff, course, expiry day and
 * lead time; or assignment, due day and audience) that is claimed in
 * `training_reminder_sent` with INSERT … ON CONFLICT DO NOTHING in the same
 * transaction as the notification and the email, so a key is claimed (and
 * its messages written) by exactly one run, even with two API processes. A
 * transaction-scoped advisory lock also makes a second process skip a run the
 * first one is doing.
 *
 * `startTrainingReminderScheduler` runs it in the API process once shortly
 * after start and then every hour; every run is recorded in
 * `training_reminder_run` (admins see the last one and can run it now).
 * Logs carry counts only, never names or addresses.
 */
import { randomUUID } from "node:crypto";
import { DEFAULT_REMINDER_LEAD_DAYS, isCurrentStaff, overdueReminders, remindersDue } from "@evident/core";
import { recordAudit } from "../audit/audit.js";
import type { Db, DbClient, PrismaClient } from "../db.js";
import type { Logger } from "../logger.js";
import type { SessionUser } from "../trpc/context.js";
import {
  loadAssignments,
  loadCourseCompletions,
  loadCourses,
  loadModuleCompletions,
  loadModules,
  loadStaff,
  ruleCourse,
  todayIso,
  toRuleStaff,
} from "../trpc/routers/training/data.js";
import { ensureTrainingCatalogue } from "../trpc/routers/training/seed.js";
import { trainingPicture } from "../trpc/routers/training/views.js";

/** Key of the PostgreSQL advisory lock held while a run writes (any 64-bit number unique to this job). */
export const TRAINING_REMINDER_LOCK = 5_120_260_001;
/** "Expired" notices are sent up to this many days after expiry; overdue notices up to this many days late. */
export const STALE_AFTER_DAYS = 30;
export const HOUR_MS = 3_600_000;

export type ReminderTrigger = "start" | "schedule" | "admin";

export interface ReminderRunResult {
  runId: string;
  trigger: ReminderTrigger;
  asOf: string;
  skipped: boolean;
  due: number;
  notifications: number;
  emails: number;
  noContact: number;
}

export interface RunOptions {
  asOf: string;
  trigger: ReminderTrigger;
  now: Date;
  logger: Logger;
  /** The admin who ran it (audited as the actor); null for the scheduler. */
  actor?: SessionUser | null;
  requestId?: string;
  leadDays?: readonly number[];
  /** Absolute links in emails when set (EVIDENT_BASE_URL). */
  baseUrl?: string;
}

interface Message {
  key: string;
  kind: "expiring" | "expired" | "overdue";
  staffId: string;
  recipientStaffId: string;
  title: string;
  body: string;
}

/** Everything due on `asOf`, before anything is claimed (pure apart from loading). */
async function reminderMessages(prisma: PrismaClient, asOf: string, leadDays: readonly number[]): Promise<Message[]> {
  const staffRows = await loadStaff(prisma);
  const [courses, modules, assignments, completions, moduleCompletions] = await Promise.all([
    loadCourses(prisma, { activeOnly: true }),
    loadModules(prisma),
    loadAssignments(prisma),
    loadCourseCompletions(prisma),
    loadModuleCompletions(prisma),
  ]);
  const staff = toRuleStaff(staffRows, asOf);
  const expiries = remindersDue(staff, courses.map(ruleCourse), completions, asOf, leadDays, { expiredWithinDays: STALE_AFTER_DAYS });
  const current = staff.filter((s) => isCurrentStaff(s, asOf));
  const picture = trainingPicture(
    staffRows.filter((r) => current.some((c) => c.id === r.id)),
    courses,
    modules,
    assignments,
    completions,
    moduleCompletions,
    asOf,
  );
  const overdueInput = current.flatMap((s) =>
    (picture.byStaff.get(s.id)?.assignments ?? []).map((a) => ({ id: a.id, staffId: s.id, staffName: s.name, managerId: s.managerId, title: a.title, dueOn: a.dueOn, state: a.state })),
  );
  const overdue = overdueReminders(overdueInput, asOf, { maxDaysLate: STALE_AFTER_DAYS });
  return [...expiries, ...overdue].map((r) => ({ key: r.key, kind: r.kind, staffId: r.staffId, recipientStaffId: r.recipientStaffId, title: r.title, body: r.body }));
}

/** Claims the keys not yet claimed by any run; returns the ones this run claimed. */
async function claim(tx: DbClient, runId: string, messages: readonly Message[], at: Date): Promise<Set<string>> {
  const claimed = new Set<string>();
  for (let i = 0; i < messages.length; i += 500) {
    const chunk = messages.slice(i, i + 500);
    const rows = await tx.$queryRaw<{ key: string }[]>`
      INSERT INTO "training_reminder_sent" ("key", "kind", "staffId", "recipientId", "runId", "createdAt")
      SELECT k, kd, s, r, ${runId}, ${at}::timestamp
      FROM unnest(${chunk.map((m) => m.key)}::text[], ${chunk.map((m) => m.kind)}::text[], ${chunk.map((m) => m.staffId)}::text[], ${chunk.map((m) => m.recipientStaffId)}::text[]) AS u(k, kd, s, r)
      ON CONFLICT ("key") DO NOTHING
      RETURNING "key"`;
    for (const r of rows) claimed.add(r.key);
  }
  return claimed;
}

/**
 * One run: creates what is due on `asOf` and not sent before, and records
 * the run. Returns `skipped: true` when another process holds the lock.
 */
export async function runTrainingReminders(prisma: PrismaClient, opts: RunOptions): Promise<ReminderRunResult> {
  const runId = randomUUID();
  const base = { runId, trigger: opts.trigger, asOf: opts.asOf };
  const asOfDate = new Date(`${opts.asOf}T00:00:00.000Z`);
  try {
    await ensureTrainingCatalogue(prisma);
    const messages = await reminderMessages(prisma, opts.asOf, opts.leadDays ?? DEFAULT_REMINDER_LEAD_DAYS);
    const recipients = [...new Set(messages.map((m) => m.recipientStaffId))];
    const contacts = await prisma.staff.findMany({ where: { id: { in: recipients } }, select: { id: true, email: true, user: { select: { id: true, email: true, disabled: true } } } });
    type Contact = { id: string; email: string | null; user: { id: string; email: string; disabled: boolean } | null };
    const contactOf = new Map<string, Contact>((contacts as Contact[]).map((c) => [c.id, c]));
    const link = `${opts.baseUrl ? opts.baseUrl.replace(/\/$/, "") : ""}/training/my`;
    return await prisma.$transaction(
      async (tx: DbClient) => {
        const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${TRAINING_REMINDER_LOCK}::bigint) AS ok`;
        if (!lock?.ok) {
          await tx.trainingReminderRun.create({ data: { id: runId, trigger: opts.trigger, asOf: asOfDate, startedAt: opts.now, finishedAt: opts.now, skipped: true } });
          return { ...base, skipped: true, due: messages.length, notifications: 0, emails: 0, noContact: 0 };
        }
        const claimed = await claim(tx, runId, messages, opts.now);
        const notes: { userId: string; kind: string; title: string; body: string; link: string; createdAt: Date }[] = [];
        const emails: { to: string; subject: string; bodyText: string; template: string; createdAt: Date; sendAfter: Date }[] = [];
        let noContact = 0;
        for (const m of messages) {
          if (!claimed.has(m.key)) continue;
          const c = contactOf.get(m.recipientStaffId);
          const user = c?.user && !c.user.disabled ? c.user : null;
          const address = c?.email ?? user?.email ?? null;
          if (!user && !address) {
            noContact += 1;
            continue;
          }
          const template = m.kind === "overdue" ? "training_overdue" : "training_reminder";
          if (user) notes.push({ userId: user.id, kind: template, title: m.title, body: m.body, link: "/training/my", createdAt: opts.now });
          if (address) emails.push({ to: address, subject: m.title, bodyText: `${m.body}\n\nSee your training: ${link}\n\nReminder reference: ${m.key}`, template, createdAt: opts.now, sendAfter: opts.now });
        }
        if (notes.length > 0) await tx.notification.createMany({ data: notes });
        if (emails.length > 0) await tx.emailOutbox.createMany({ data: emails });
        const result = { ...base, skipped: false, due: messages.length, notifications: notes.length, emails: emails.length, noContact };
        await tx.trainingReminderRun.create({
          data: { id: runId, trigger: opts.trigger, asOf: asOfDate, startedAt: opts.now, finishedAt: new Date(opts.now.getTime()), due: result.due, notifications: result.notifications, emails: result.emails, noContact },
        });
        await recordAudit(
          { prisma, requestId: opts.requestId ?? runId, user: opts.actor ?? null, ip: null, now: opts.now, logger: opts.logger },
          {
            action: "training.reminders.run",
            outcome: "success",
            entityType: "TrainingReminderRun",
            entityIds: [runId],
            reason: `${opts.trigger} as of ${opts.asOf}: ${claimed.size} new of ${messages.length} due, ${notes.length} notifications, ${emails.length} emails, ${noContact} without contact`,
            ...(opts.actor ? {} : { actorId: null, actorRole: "system" }),
          },
          tx,
        );
        return result;
      },
      { timeout: 120_000 },
    );
  } catch (err) {
    const message = err instanceof Error ? err.message.slice(0, 500) : "unknown error";
    opts.logger.error({ runId, trigger: opts.trigger, err: { message } }, "training reminders failed");
    await prisma.trainingReminderRun
      .create({ data: { id: runId, trigger: opts.trigger, asOf: asOfDate, startedAt: opts.now, finishedAt: new Date(), error: message } })
      .catch(() => undefined);
    throw err;
  }
}

export interface SchedulerOptions {
  db: Pick<Db, "prisma">;
  logger: Logger;
  now?: () => Date;
  /** Default one hour. */
  intervalMs?: number;
  /** Delay of the first run after start; default 10 s (the server is listening by then). */
  firstRunMs?: number;
  baseUrl?: string;
}

export interface Scheduler {
  /** Runs now unless a run of this process is under way (then resolves null). */
  tick(trigger: ReminderTrigger): Promise<ReminderRunResult | null>;
  stop(): void;
}

/** Starts the hourly job in this process. Timers are unref'd: they never keep the process alive. */
export function startTrainingReminderScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  let running = false;
  let stopped = false;
  const tick = async (trigger: ReminderTrigger): Promise<ReminderRunResult | null> => {
    if (running || stopped) return null;
    running = true;
    try {
      const at = now();
      const result = await runTrainingReminders(options.db.prisma, { asOf: todayIso(at), trigger, now: at, logger: options.logger, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
      const { runId, skipped, due, notifications, emails, noContact } = result;
      options.logger.info({ runId, trigger, skipped, due, notifications, emails, noContact }, "training reminders run");
      return result;
    } catch {
      return null; // logged and recorded by runTrainingReminders; the next tick tries again
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick("start"), options.firstRunMs ?? 10_000);
  const every = setInterval(() => void tick("schedule"), options.intervalMs ?? HOUR_MS);
  first.unref?.();
  every.unref?.();
  return {
    tick,
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
