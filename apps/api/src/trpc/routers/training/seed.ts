/**
 * The training catalogue's bootstrap: makes sure the database holds what the
 * training app needs, from `@evident/core`'s built-in catalogue, without
 * touching anything already there (idempotent; matched by code, then title):
 * - the seven courses (Table 26 plus the VADA tool), when the database has no course;
 * - the six onboarding modules of the issue (with their quizzes in the core);
 * - an active onboarding plan for every job role that has none, built from
 *   the core's default plan for the matching login role.
 * Runs once per database handle, before the first training procedure; the
 * old course-marker clean-up runs once per database (see `moveLegacyCourseMetaOnce`).
 */
import { DELIVERY_MODES, DEFAULT_ONBOARDING_PLANS, ONBOARDING_MODULES, TRAINING_COURSES, type TRole } from "@evident/core";
import type { PrismaClient } from "../../../db.js";
import { LOGIN_ROLE_OF, STAFF_ROLE_LABEL, STAFF_ROLES, type TStaffRole } from "./data.js";

const STAFF_ROLES_OF = (role: TRole): TStaffRole[] => STAFF_ROLES.filter((s) => LOGIN_ROLE_OF[s] === role);

const done = new WeakMap<object, Promise<unknown>>();

export function ensureTrainingCatalogue(prisma: PrismaClient): Promise<unknown> {
  let p = done.get(prisma);
  if (!p) {
    p = seedTrainingCatalogue(prisma).catch((err: unknown) => {
      done.delete(prisma);
      throw err;
    });
    done.set(prisma, p);
  }
  return p;
}

export interface TrainingSeedSummary {
  courses: number;
  modules: number;
  plans: number;
}

export async function seedTrainingCatalogue(prisma: PrismaClient): Promise<TrainingSeedSummary> {
  const summary: TrainingSeedSummary = { courses: 0, modules: 0, plans: 0 };
  // Courses: only into an empty catalogue (a trust's own catalogue is left alone).
  if ((await prisma.course.count()) === 0) {
    for (const c of TRAINING_COURSES) {
      await prisma.course.create({
        data: {
          code: c.id,
          title: c.title,
          description: c.description,
          deliveryMode: c.deliveryMode,
          durationHours: c.durationHours,
          validityMonths: c.validityMonths,
          requiredFor: c.mandatoryForRoles.flatMap(STAFF_ROLES_OF) as never,
          qualifiesFacilitator: c.grantsQualification !== null,
          languages: [...c.languages],
        },
      });
      summary.courses += 1;
    }
    // Prerequisites, now that every course has an id.
    const rows = await prisma.course.findMany({ select: { id: true, code: true } });
    const idOf = new Map(rows.map((r: { id: string; code: string }) => [r.code, r.id]));
    for (const c of TRAINING_COURSES) {
      if (c.prerequisites.length === 0) continue;
      await prisma.course.update({ where: { code: c.id }, data: { prerequisiteIds: c.prerequisites.map((p) => idOf.get(p)!).filter(Boolean) } });
    }
  }
  await moveLegacyCourseMetaOnce(prisma);

  const modules = await prisma.onboardingModule.findMany({ select: { id: true, code: true, title: true, position: true } });
  let position = modules.reduce((max: number, m: { position: number }) => Math.max(max, m.position), -1) + 1;
  for (const m of ONBOARDING_MODULES) {
    if (modules.some((x: { code: string; title: string }) => x.code === m.id || x.title === m.title)) continue;
    await prisma.onboardingModule.create({ data: { code: m.id, title: m.title, content: m.content, estimatedMinutes: 20, position: position++ } });
    summary.modules += 1;
  }

  const courses = await prisma.course.findMany({ select: { id: true, code: true, title: true } });
  const allModules = await prisma.onboardingModule.findMany({ select: { id: true, code: true, title: true } });
  const courseId = (builtIn: string) => {
    const b = TRAINING_COURSES.find((c) => c.id === builtIn);
    return courses.find((c: { code: string; title: string }) => c.code === builtIn || (b && c.title === b.title))?.id as string | undefined;
  };
  const moduleId = (builtIn: string) => {
    const b = ONBOARDING_MODULES.find((m) => m.id === builtIn);
    return allModules.find((m: { code: string; title: string }) => m.code === builtIn || (b && m.title === b.title))?.id as string | undefined;
  };
  const plans = await prisma.onboardingPlan.findMany({ where: { active: true }, select: { role: true } });
  for (const role of STAFF_ROLES) {
    if (plans.some((p: { role: string }) => p.role === role)) continue;
    const base = DEFAULT_ONBOARDING_PLANS.find((p) => p.role === LOGIN_ROLE_OF[role]);
    if (!base) continue;
    const name = `Onboarding: ${STAFF_ROLE_LABEL[role].toLowerCase()}`;
    if (await prisma.onboardingPlan.findUnique({ where: { name }, select: { id: true } })) continue;
    const items = base.items.flatMap((item, position) => {
      const id = item.kind === "module" ? moduleId(item.itemId) : courseId(item.itemId);
      if (!id) return [];
      return [{ moduleId: item.kind === "module" ? id : null, courseId: item.kind === "course" ? id : null, dueWithinDays: item.dueWithinDays, position }];
    });
    await prisma.onboardingPlan.create({ data: { name, role: role as never, items: { create: items } } });
    summary.plans += 1;
  }
  return summary;
}

/** The `seed_run` row that records the one-off move below: once it is there, the move never runs again. */
export const COURSE_META_MARKER = "training:course-meta-columns";

/**
 * Runs `moveLegacyCourseMeta` once per database: later starts read one row by
 * its key and stop. Two processes starting together may both move (the move is
 * idempotent); the marker is inserted once (ON CONFLICT DO NOTHING).
 */
export async function moveLegacyCourseMetaOnce(prisma: PrismaClient): Promise<number | null> {
  if (await prisma.seedRun.findUnique({ where: { id: COURSE_META_MARKER }, select: { id: true } })) return null;
  const moved = await moveLegacyCourseMeta(prisma);
  await prisma.seedRun.createMany({ data: [{ id: COURSE_META_MARKER, seed: 0, summary: { moved } }], skipDuplicates: true });
  return moved;
}

/**
 * Courses written before the course table had columns for them kept the
 * delivery mode, prerequisites and languages in a marked trailer of the
 * description (`<!-- evident-course-meta {...} -->`). This moves them into
 * the columns once and strips the trailer; courses without it are untouched.
 */
export async function moveLegacyCourseMeta(prisma: PrismaClient): Promise<number> {
  const marker = /\n*<!-- evident-course-meta (\{.*?\}) -->\s*$/s;
  const rows = (await prisma.course.findMany({ where: { description: { contains: "<!-- evident-course-meta " } }, select: { id: true, description: true } })) as { id: string; description: string | null }[];
  let moved = 0;
  for (const r of rows) {
    const m = r.description ? marker.exec(r.description) : null;
    if (!m || !r.description) continue;
    let meta: { deliveryMode?: unknown; prerequisites?: unknown; languages?: unknown } = {};
    try {
      meta = JSON.parse(m[1]!) as typeof meta;
    } catch {
      meta = {};
    }
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null);
    const data: Record<string, unknown> = { description: r.description.slice(0, m.index).trim() || null };
    if (typeof meta.deliveryMode === "string" && (DELIVERY_MODES as readonly string[]).includes(meta.deliveryMode)) data.deliveryMode = meta.deliveryMode;
    const prerequisites = strings(meta.prerequisites);
    if (prerequisites) data.prerequisiteIds = prerequisites.filter((p) => p !== r.id);
    const languages = strings(meta.languages);
    if (languages && languages.length > 0) data.languages = languages;
    await prisma.course.update({ where: { id: r.id }, data });
    moved += 1;
  }
  return moved;
}
