/**
 * Records that valid inputs (test/valid-inputs.ts) need and the fixture does not have: an audit case
 * assigned to the caller, a cohort to evaluate, a hub case that has ended, a man who completed the
 * perpetrators' group, … Reference rows are written through Prisma like the fixture; what only a
 * procedure makes (a dry run's digest, a saved analysis run, a module's authoring form) is made
 * through the API.
 */
import type { InputState } from "./input-state.js";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** A code of capitals, digits and _ (instrument, template and programme codes). */
const code = (s: InputState, prefix: string) => s.unique(prefix).replace(/[^A-Z0-9_]/g, "_").slice(0, 30);

/** A family in team A (every case role's team), with nobody in it yet. */
export async function newFamily(s: InputState): Promise<{ id: string; reference: string }> {
  return s.prisma.family.create({ data: { reference: s.unique("FM").slice(0, 20), name: "Matrix family", teamId: s.fx.teams.a, openedAt: day("2025-01-01") }, select: { id: true, reference: true } });
}

/** An adult in the fixture's family with the given family role. */
export async function newAdult(s: InputState, role: "victim" | "perpetrator"): Promise<string> {
  const person = await s.prisma.person.create({ data: { reference: s.unique("PA").slice(0, 20), firstName: role === "victim" ? "Vera" : "Paul", lastName: "Matrix", kind: "adult" }, select: { id: true } });
  await s.prisma.familyMember.create({ data: { familyId: s.fx.families.mine, personId: person.id, role } });
  return person.id;
}

// ───────────── case-file audits ─────────────

const AUDIT_QUESTIONS = [{ id: "voice", section: "Practice", text: "Is the child's voice recorded?", scale: "evidence", guidance: "" }];

/**
 * A round of one case file (the fixture's family), its first and second auditors, and their
 * submitted answers to its one question when given.
 */
export async function auditCase(s: InputState, first: string, second: string, submitted?: [string, string]) {
  const template = await s.prisma.auditTemplate.create({ data: { code: code(s, "AT"), name: "Matrix audit", questions: AUDIT_QUESTIONS }, select: { id: true } });
  const round = await s.prisma.auditRound.create({ data: { templateId: template.id, name: "Matrix round", sampleMethod: "chosen", sampleSpec: {}, createdById: s.fx.users.manager.id }, select: { id: true, version: true } });
  const answers = (i: 0 | 1) => (submitted ? { answers: { voice: submitted[i] }, submittedAt: new Date() } : {});
  const auditCase = await s.prisma.auditCase.create({
    data: { roundId: round.id, familyId: s.fx.families.mine, period: "before", assignments: { create: [{ userId: first, role: "first", ...answers(0) }, { userId: second, role: "second", ...answers(1) }] } },
    select: { id: true, version: true, assignments: { select: { userId: true, version: true } } },
  });
  return { round, auditCase };
}

/** A case file the caller is the first auditor of (the second another case role). */
export async function myAuditCase(s: InputState) {
  const other = s.caller.id === s.fx.users.manager.id ? s.fx.users.practitioner.id : s.fx.users.manager.id;
  const { auditCase: c } = await auditCase(s, s.caller.id, other);
  return { caseId: c.id, version: c.assignments.find((a) => a.userId === s.caller.id)!.version };
}

// ───────────── evaluation ─────────────

const evaluationProgrammes = new Map<string, Promise<string>>();

/**
 * A programme with one family's child in the intervention cohort (an adult's enrolment, 1 March to
 * 9 May 2018) and one child in the comparison cohort (domestic abuse, 3A, at an assessment in April
 * 2018), made once per fixture.
 */
function evaluationProgramme(s: InputState): Promise<string> {
  const key = s.fx.programme;
  if (!evaluationProgrammes.has(key)) {
    evaluationProgrammes.set(
      key,
      (async () => {
        const p = s.prisma;
        const programme = await p.programme.create({ data: { code: code(s, "EV"), name: "Evaluated programme", kind: "group" }, select: { id: true } });
        await p.programmeCost.create({ data: { programmeId: programme.id, item: "Total", amountPence: 1_000_000n } });
        const child = async (familyId: string) => {
          const c = await p.person.create({ data: { reference: s.unique("EC").slice(0, 20), firstName: "Eve", lastName: "Matrix", kind: "child", birthDate: day("2012-01-01") }, select: { id: true } });
          await p.familyMember.create({ data: { familyId, personId: c.id, role: "child" } });
          return c.id;
        };
        const enrolled = await newFamily(s);
        await child(enrolled.id);
        const adult = await p.person.create({ data: { reference: s.unique("EA").slice(0, 20), firstName: "Ada", lastName: "Matrix", kind: "adult" }, select: { id: true } });
        await p.enrolment.create({ data: { personId: adult.id, programmeId: programme.id, familyId: enrolled.id, status: "completed", referredAt: day("2018-03-01"), startedAt: day("2018-03-01"), completedAt: day("2018-05-09") } });
        const compared = await child((await newFamily(s)).id);
        await p.assessment.create({ data: { childId: compared, level: "CIN", startedAt: day("2018-04-01"), completedAt: day("2018-04-30"), factors: ["3A"] } });
        return programme.id;
      })(),
    );
  }
  return evaluationProgrammes.get(key)!;
}

export async function evaluationRequest(s: InputState) {
  return { programmeId: await evaluationProgramme(s), comparison: { kind: "factors_not_enrolled" as const, anyOfFactors: ["3A"] }, from: "2017-04-01", to: "2019-03-31", asAt: "2019-06-01", bootstrapReplicates: 0 };
}

/** A run saved through the API by the analyst. */
export async function savedRun(s: InputState): Promise<string> {
  const analyst = await s.api(s.fx.users.analyst.id);
  return (await analyst.evaluation.save({ title: `Matrix run ${s.unique("R")}`, request: await evaluationRequest(s) })).id;
}

// ───────────── programmes and follow-ups ─────────────

/** A hub case of the fixture's family that ended last year. */
export async function endedHubCase(s: InputState): Promise<string> {
  const c = await s.prisma.hubCase.create({
    data: { familyId: s.fx.families.mine, leadWorkerId: s.fx.users.practitioner.staffId!, startDate: day("2024-01-08"), plannedEndDate: day("2024-05-06"), endDate: day("2024-05-06"), status: "closed" },
    select: { id: true },
  });
  return c.id;
}

const oneToOneProgrammes = new Map<string, Promise<string>>();
export function oneToOneProgramme(s: InputState): Promise<string> {
  const key = s.fx.programme;
  if (!oneToOneProgrammes.has(key)) oneToOneProgrammes.set(key, s.prisma.programme.create({ data: { code: code(s, "OTO"), name: "One-to-one work", kind: "one_to_one" }, select: { id: true } }).then((p) => p.id));
  return oneToOneProgrammes.get(key)!;
}

/** A man in the fixture's family who completed the fixture's perpetrators' group (so may start one-to-one work). */
export async function groupCompleter(s: InputState): Promise<string> {
  const personId = await newAdult(s, "perpetrator");
  await s.prisma.enrolment.create({
    data: { personId, programmeId: s.fx.programme, groupId: s.fx.groups.perpetrators, familyId: s.fx.families.mine, status: "completed", referredAt: day("2025-03-01"), startedAt: day("2025-04-01"), completedAt: day("2025-06-03") },
  });
  return personId;
}

/** One-to-one work referred for a man who completed the group. */
export async function oneToOneWork(s: InputState) {
  const personId = await groupCompleter(s);
  return s.prisma.enrolment.create({
    data: { personId, programmeId: await oneToOneProgramme(s), familyId: s.fx.families.mine, status: "referred", referredAt: day("2025-07-01") },
    select: { id: true, version: true },
  });
}

// ───────────── questionnaires ─────────────

export const INSTRUMENT_ITEMS = [1, 2].map((i) => ({ id: `q${i}`, text: `Item ${i}`, options: [0, 1, 2].map((value) => ({ value, label: String(value) })) }));

/** A new instrument (no translation yet). */
export async function newInstrument(s: InputState): Promise<string> {
  const row = await s.prisma.questionnaireInstrument.create({ data: { code: code(s, "QI"), name: "Matrix wellbeing", items: INSTRUMENT_ITEMS, scoring: { method: "sum", higherIsBetter: true } }, select: { id: true } });
  return row.id;
}

export const instrumentCode = (s: InputState) => code(s, "QC");

// ───────────── imports ─────────────

/** Two children of an SSDA903 header file (the project's own made-up fixture, packages/core/src/statutory/fixtures). */
const HEADER_903 = { name: "header.csv", text: "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,15/03/2012,WBRI,A123456789012,,\nA2,F,02/11/2016,BAFR,UN2,,\n" };

export async function statutoryCommit(s: InputState) {
  const admin = await s.api(s.fx.users.admin.id);
  const files = [HEADER_903];
  const dry = await admin.statutory.dryRun({ files, yearEnd: "2024-03-31" });
  return { files, yearEnd: "2024-03-31", digest: dry.digest };
}

// ───────────── training ─────────────

/** The first onboarding module with a quiz, as its author edits it (through the API, as the trainer). */
export async function moduleForm(s: InputState) {
  const trainer = await s.api(s.fx.users.trainer.id);
  const modules = await trainer.training.modules.list();
  for (const m of modules) {
    const form = await trainer.training.modules.authoring({ id: m.id });
    if (form.module.quiz) return { id: m.id, form };
  }
  throw new Error("No onboarding module has a quiz");
}
