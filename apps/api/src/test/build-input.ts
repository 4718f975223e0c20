/**
 * Builds a procedure's minimal valid input (test/valid-inputs.ts) from its zod
 * schema: required fields only, each given the first candidate value the
 * field's own schema accepts. Ids come from the fixture by the field's name, or
 * from the newest row of the model the procedure works on (calls run in path
 * order, so `x.create` runs before `x.get`, `x.list` and `x.update`).
 */
import { appRouter } from "../trpc/root.js";
import { VALID_INPUTS, type InputState } from "./valid-inputs.js";

type Schema = { _zod: { def: Record<string, unknown> & { type: string } }; safeParse(v: unknown): { success: boolean } };
const SKIP = Symbol("skip");

/** The Prisma model a procedure's `id` names, by the longest matching path prefix. */
const MODEL_OF: [string, string][] = [
  ["assessments", "assessment"],
  ["audits.rounds", "auditRound"],
  ["audits.templates", "auditTemplate"],
  ["audits.cases", "auditCase"],
  ["audits.my", "auditCase"],
  ["consent", "consentToShare"],
  ["decisions.milestones", "milestone"],
  ["decisions", "decision"],
  ["episodes", "statusEpisode"],
  ["evaluation", "analysisRun"],
  ["extracts", "evaluationExtract"],
  ["families", "family"],
  ["finance.lines", "programmeBudgetLine"],
  ["followUps", "followUp"],
  ["hub.actions", "meetingAction"],
  ["hub.agencies", "agencyInvolvement"],
  ["hub.meetings", "tafMeeting"],
  ["hub.stepDown", "stepDownPlan"],
  ["hub.visits", "hubVisit"],
  ["hub", "hubCase"],
  ["logicModels", "logicModel"],
  ["marac", "maracReferral"],
  ["people.overrides", "safeguardingOverride"],
  ["people", "person"],
  ["programmes.enrolments", "enrolment"],
  ["programmes.oneToOne", "enrolment"],
  ["programmes.groups", "programmeGroup"],
  ["questionnaires.instruments", "questionnaireInstrument"],
  ["questionnaires.responses", "questionnaireResponse"],
  ["referrals", "referral"],
  ["surveys.waves", "surveyWave"],
  ["surveys", "survey"],
  ["training.courses", "course"],
  ["training.modules", "onboardingModule"],
  ["training.my", "onboardingModule"],
  ["training.plans", "onboardingPlan"],
  ["training.sessions", "trainingSession"],
  ["training.staff", "staff"],
];

/** Ids by field name. */
const ID_OF_FIELD: Record<string, string> = {
  roundId: "auditRound",
  templateId: "auditTemplate",
  caseId: "auditCase",
  waveId: "surveyWave",
  fromWaveId: "surveyWave",
  toWaveId: "surveyWave",
  surveyId: "survey",
  modelId: "logicModel",
  logicModelId: "logicModel",
  courseId: "course",
  moduleId: "onboardingModule",
  enrolmentId: "enrolment",
  measureId: "",
};

function modelOf(path: string): string | null {
  const hit = MODEL_OF.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`));
  return hit ? hit[1] : null;
}

type Delegate = { findFirst(args: unknown): Promise<{ id: string; version?: number } | null> };
async function newest(state: InputState, model: string, where: Record<string, unknown> = {}): Promise<{ id: string; version?: number } | null> {
  const delegate = (state.prisma as unknown as Record<string, Delegate>)[model];
  if (!delegate) return null;
  try {
    return await delegate.findFirst({ where, orderBy: { createdAt: "desc" } });
  } catch {
    return delegate.findFirst({ where });
  }
}

const today = () => new Date().toISOString().slice(0, 10);

async function idFor(state: InputState, path: string, rawKey: string): Promise<string | null> {
  const { fx } = state;
  // An array of ids takes the id of its singular name (facilitatorStaffIds → facilitatorStaffId).
  const key = rawKey.endsWith("Ids") ? rawKey.slice(0, -1) : rawKey;
  const byKey: Record<string, string | null> = {
    familyId: fx.families.mine,
    personId: fx.people.child,
    childId: fx.people.child,
    victimId: fx.people.victim,
    perpetratorId: fx.people.perpetrator,
    groupId: fx.groups.victims,
    sessionId: fx.session,
    programmeId: fx.programme,
    hubCaseId: fx.hub.hubCase,
    meetingId: fx.hub.meeting,
    instrumentId: fx.hub.instrument,
    assessmentId: fx.hub.assessment,
    userId: fx.users.staff.id,
    teamId: fx.teams.a,
    firstAuditorId: fx.users.manager.id,
    secondAuditorId: fx.users.analyst.id,
  };
  if (key in byKey) return byKey[key]!;
  if (/[sS]taffId$/.test(key)) return fx.users.practitioner.staffId;
  const model = key === "id" ? modelOf(path) : ID_OF_FIELD[key];
  if (model) return (await newest(state, model))?.id ?? null;
  return null;
}

function inner(schema: Schema): Schema {
  const def = schema._zod.def as Record<string, unknown>;
  return (def.innerType ?? def.in ?? def.schema) as Schema;
}

async function build(schema: Schema, key: string | null, path: string, state: InputState, ctx: { id?: string }): Promise<unknown> {
  const def = schema._zod.def;
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
      return SKIP;
    case "nullable":
    case "readonly":
    case "catch":
      return build(inner(schema), key, path, state, ctx);
    case "pipe":
      return build(def.in as Schema, key, path, state, ctx);
    case "lazy":
      return build((def.getter as () => Schema)(), key, path, state, ctx);
    case "object": {
      const out: Record<string, unknown> = {};
      const shape = def.shape as Record<string, Schema>;
      // `id` first, so `version` can be read from its row.
      const keys = Object.keys(shape).sort((a, b) => (a === "id" ? -1 : b === "id" ? 1 : 0));
      for (const k of keys) {
        const v = await build(shape[k]!, k, path, state, ctx);
        if (v === SKIP) continue;
        out[k] = v;
        if (k === "id" || k === "caseId" || k === "roundId" || k === "modelId") ctx.id ??= String(v);
      }
      return out;
    }
    case "array": {
      const min = (def.checks as { _zod: { def: { check: string; minimum?: number } } }[] | undefined)?.find((c) => c._zod.def.check === "min_length")?._zod.def.minimum ?? 0;
      const items: unknown[] = [];
      for (let i = 0; i < min; i++) items.push(await build(def.element as Schema, key, path, state, ctx));
      return items;
    }
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "union":
      return build((def.options as Schema[])[0]!, key, path, state, ctx);
    case "boolean":
      return false;
    case "date":
      return new Date();
    case "record":
      return {};
    case "any":
    case "unknown":
      return {};
    case "number":
    case "bigint": {
      if (key === "version" && ctx.id) {
        const model = modelOf(path);
        const row = model ? await newest(state, model, { id: ctx.id }).catch(() => null) : null;
        if (row?.version !== undefined) return row.version;
      }
      for (const n of [1, 0, 2026, 10, 100, 0.5]) if (schema.safeParse(n).success) return n;
      return 1;
    }
    case "string": {
      const candidates: string[] = [];
      if (key && (key === "id" || /Ids?$/.test(key))) {
        const id = await idFor(state, path, key);
        if (id) candidates.push(id);
        candidates.push("00000000-0000-4000-8000-000000000000");
      }
      const moments = [today(), new Date(Date.now() - 3_600_000).toISOString()];
      const rest = ["09:00", "matrix@example.org", "2026-01", "2026", "A1", "1"];
      // Dates for fields named like dates; otherwise a fresh value first (codes, references and titles must be unique).
      if (key && /(date|Date|At|On|^from|^to|asOf)$/.test(key)) candidates.push(...moments, state.unique("Matrix"), ...rest);
      else candidates.push(state.unique("Matrix"), ...moments, ...rest);
      for (const c of candidates) if (schema.safeParse(c).success) return c;
      return candidates[0];
    }
    default:
      return {};
  }
}

/** The procedure's input schema (the first of its `.input()`s). */
export function inputSchemaOf(path: string): Schema | null {
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { inputs?: Schema[] } }>)[path];
  return procedure?._def.inputs?.[0] ?? null;
}

/** The valid input for `path` (throws with a clear message when the procedure has no entry). */
export async function buildInput(path: string, state: InputState): Promise<unknown> {
  const entry = VALID_INPUTS[path];
  if (entry === undefined) throw new Error(`No valid input for ${path}: add one to apps/api/src/test/valid-inputs.ts`);
  if (entry !== "auto") return entry(state);
  const schema = inputSchemaOf(path);
  if (!schema) return undefined;
  const def = schema._zod.def;
  const target = def.type === "optional" || def.type === "default" ? inner(schema) : schema;
  const value = await build(target, null, path, state, {});
  return value === SKIP ? {} : value;
}
