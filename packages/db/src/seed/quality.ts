/**
 * Demo rows for practice quality: the report's case-file audit tool as a
 * template; a round of 30 case files (10 before the DAARR workstream, 20
 * during, sampled with a recorded seed) whose counted answers reproduce the
 * report's published shares (e.g. holistic family support 16 of 20 during
 * against 2 of 10 before), with a second auditor and moderation; and the
 * staff e-survey in three waves (the report's 18 and 5 responses, and an
 * open wave the demo logins are invited to). Its own generator, so it does
 * not disturb the ids of the rest of the demo.
 */
import { REPORT_AUDIT_FIGURES, REPORT_AUDIT_TEMPLATE, sampleCases, type TAuditAnswer, type TSurveyQuestion } from "@evident/core";
import type { Prisma } from "../generated/prisma/client.js";
import { Rng, day } from "./random.js";
import { DEMO_USERS } from "./users.js";

export interface QualitySeedInput {
  seed: number;
  family: readonly { id?: string; openedAt?: Date | string | null; teamId?: string | null }[];
  referral: readonly { familyId?: string | null; domesticAbuse?: boolean | null }[];
  staff: readonly { id?: string; teamId?: string | null; startDate: Date | string; leaveDate?: Date | string | null }[];
}

export interface QualitySeedRows {
  auditTemplate: Prisma.AuditTemplateCreateManyInput[];
  auditRound: Prisma.AuditRoundCreateManyInput[];
  auditCase: Prisma.AuditCaseCreateManyInput[];
  auditAssignment: Prisma.AuditAssignmentCreateManyInput[];
  survey: Prisma.SurveyCreateManyInput[];
  surveyWave: Prisma.SurveyWaveCreateManyInput[];
  surveyInvitation: Prisma.SurveyInvitationCreateManyInput[];
  surveyResponse: Prisma.SurveyResponseCreateManyInput[];
}

/** Fixed ids the tests and the end-to-end suite refer to. */
export const QUALITY_IDS = {
  reportTemplate: "00000000-0000-4000-8000-0000000c0001",
  reportRound: "00000000-0000-4000-8000-0000000c0002",
  staffSurvey: "00000000-0000-4000-8000-0000000c0003",
  wavePhase2: "00000000-0000-4000-8000-0000000c0004",
  wavePhase3: "00000000-0000-4000-8000-0000000c0005",
  waveOpen: "00000000-0000-4000-8000-0000000c0006",
} as const;

/** The seed the demo round's sample was drawn with (recorded on the round). */
export const REPORT_ROUND_SEED = 2019;

export const STAFF_SURVEY_QUESTIONS: TSurveyQuestion[] = [
  { id: "understand_daarr", text: "I understand what the DAARR workstream is trying to achieve", kind: "agree5" },
  { id: "confident_da", text: "I feel confident working with families affected by domestic abuse", kind: "agree5" },
  { id: "hub_helps", text: "The Innovation Hub helps families get the right support sooner", kind: "agree5" },
  { id: "turnover_affects", text: "Staff turnover has affected the support families receive", kind: "agree5" },
  { id: "trained_abusive_men", text: "I have attended the 'How to work with abusive men' training", kind: "yes_no" },
  { id: "comments", text: "Anything else you would like to tell us about the workstream or the hub?", kind: "text" },
];

const asDate = (d: Date | string | null | undefined) => (d == null ? null : d instanceof Date ? d : new Date(d));

export function qualityRows(input: QualitySeedInput): QualitySeedRows {
  const rng = new Rng((input.seed ^ 0x0a0d17) >>> 0);
  const id = () => rng.uuid();
  const out: QualitySeedRows = { auditTemplate: [], auditRound: [], auditCase: [], auditAssignment: [], survey: [], surveyWave: [], surveyInvitation: [], surveyResponse: [] };
  const manager = DEMO_USERS.find((u) => u.role === "manager")!;
  const practitioner = DEMO_USERS.find((u) => u.role === "practitioner")!;

  // ───────── the report's audit ─────────
  const questions = REPORT_AUDIT_TEMPLATE.questions;
  out.auditTemplate.push({ id: QUALITY_IDS.reportTemplate, code: REPORT_AUDIT_TEMPLATE.code, name: REPORT_AUDIT_TEMPLATE.name, description: REPORT_AUDIT_TEMPLATE.description, questions: questions as unknown as Prisma.InputJsonValue });

  const daFamilies = new Set(input.referral.filter((r) => r.domesticAbuse && r.familyId).map((r) => r.familyId!));
  const opened = (f: QualitySeedInput["family"][number]) => asDate(f.openedAt);
  const candidates = (from: string, to: string) =>
    input.family
      .filter((f) => daFamilies.has(f.id!) && opened(f) && opened(f)! >= day(from) && opened(f)! <= day(to))
      .map((f) => f.id!)
      .sort();
  const groups = [
    { period: "before", size: 10, openedFrom: "2015-04-01", openedTo: "2017-03-31" },
    { period: "during", size: 20, openedFrom: "2017-04-01", openedTo: "2019-03-31" },
  ];
  const pools = groups.map((g) => ({ period: g.period, size: g.size, candidates: candidates(g.openedFrom, g.openedTo) }));
  if (pools.some((p) => p.candidates.length < p.size)) return out; // a tiny demo (few families): template only
  const sample = sampleCases(pools, REPORT_ROUND_SEED);
  out.auditRound.push({
    id: QUALITY_IDS.reportRound,
    templateId: QUALITY_IDS.reportTemplate,
    name: "Case-file review for the DfE evaluation (2019)",
    sampleMethod: "random",
    sampleSeed: REPORT_ROUND_SEED,
    sampleSpec: { method: "random", seed: REPORT_ROUND_SEED, groups } as Prisma.InputJsonValue,
    status: "closed",
    createdById: manager.id,
    createdAt: day("2019-06-03"),
  });

  const index: Record<string, number> = { before: 0, during: 0 };
  const disagreements: [number, string][] = [
    [2, "holistic_support"],
    [5, "child_safety"],
    [7, "pf_family_focus"],
    [11, "multi_agency_working"],
    [14, "pf_systemic"],
    [18, "assessment_quality"],
  ];
  for (const s of sample) {
    const i = index[s.period]!++;
    const caseId = id();
    const first: Record<string, TAuditAnswer> = {};
    for (const q of questions) {
      const fig = REPORT_AUDIT_FIGURES[q.id]?.[s.period as "before" | "during"];
      if (q.scale === "graded") {
        first[q.id] = (s.period === "before" ? ["requires_improvement", "inadequate", "good", "requires_improvement", "inadequate"] : ["good", "good", "requires_improvement", "outstanding", "inadequate"])[i % 5] as TAuditAnswer;
      } else if (fig) {
        const yes = fig.yes ?? Math.ceil(fig.positive * 0.75);
        first[q.id] = i < yes ? "yes" : i < fig.positive ? "partly" : "no";
      } else {
        const p = s.period === "before" ? 0.35 : 0.75;
        first[q.id] = rng.chance(p) ? (rng.chance(0.7) ? "yes" : "partly") : "no";
      }
    }
    const second = { ...first };
    const moderated: Record<string, TAuditAnswer> = {};
    if (s.period === "during") {
      disagreements.forEach(([at, qid], k) => {
        if (at !== i) return;
        const q = questions.find((x) => x.id === qid)!;
        const a = first[qid]!;
        second[qid] = q.scale === "graded" ? (a === "good" ? "requires_improvement" : "good") : a === "no" ? "partly" : "no";
        // The first four were moderated (the auditors agreed on the first auditor's answer); two are left for the demo.
        if (k < 4) moderated[qid] = a;
      });
    }
    const hasModeration = Object.keys(moderated).length > 0;
    out.auditCase.push({
      id: caseId,
      roundId: QUALITY_IDS.reportRound,
      familyId: s.item,
      period: s.period,
      moderatedAnswers: hasModeration ? moderated : undefined,
      moderationNote: hasModeration ? "Discussed at the moderation meeting: the evidence in the file supports the first auditor's reading." : null,
      moderatedById: hasModeration ? manager.id : null,
      moderatedAt: hasModeration ? day("2019-07-15") : null,
    });
    const actions = first.holistic_support === "no" ? ["Record how each family member's needs were considered in the plan"] : [];
    out.auditAssignment.push(
      { id: id(), caseId, userId: manager.id, role: "first", answers: first, summary: `${s.period === "before" ? "Before" : "During"} DAARR: reviewed against the evaluation tool.`, actions, submittedAt: day("2019-07-01") },
      { id: id(), caseId, userId: practitioner.id, role: "second", answers: second, summary: "Second review for moderation.", actions: [], submittedAt: day("2019-07-08") },
    );
  }

  // ───────── the staff e-survey ─────────
  out.survey.push({
    id: QUALITY_IDS.staffSurvey,
    name: "Staff and partner e-survey: DAARR workstream and Innovation Hub",
    description: "Repeated at each phase of the evaluation to measure change over time. Anonymous: answers are not linked to you, and results are shown only for groups of 5 or more.",
    questions: STAFF_SURVEY_QUESTIONS as unknown as Prisma.InputJsonValue,
    createdAt: day("2018-10-15"),
  });
  const inPost = (on: Date) =>
    input.staff
      .filter((s) => asDate(s.startDate)! <= on && (!s.leaveDate || asDate(s.leaveDate)! > on))
      .map((s) => ({ id: s.id!, teamId: s.teamId ?? null }))
      .sort((a, b) => a.id.localeCompare(b.id));
  const comments = ["More training on working with abusive men, please", "The hub made multi-agency work much easier", "Too many changes of worker for families", "Groups in community languages help", "Need clearer step-down after the group", "We lost most of the trained facilitators"];
  const wave = (waveId: string, name: string, opensOn: string, closesOn: string, invited: number, responses: number, lean: number) => {
    out.surveyWave.push({ id: waveId, surveyId: QUALITY_IDS.staffSurvey, name, opensOn: day(opensOn), closesOn: day(closesOn), createdAt: day(opensOn) });
    const staff = inPost(day(opensOn)).slice(0, invited);
    const responders = new Set(rng.sample(staff.map((s) => s.id), responses));
    for (const s of staff) {
      const responded = responders.has(s.id);
      out.surveyInvitation.push({ id: id(), waveId, staffId: s.id, teamId: s.teamId ?? null, invitedAt: day(opensOn), reminders: responded ? rng.int(0, 2) : 3, lastRemindedAt: responded ? null : day(closesOn), respondedOn: responded ? day(opensOn) : null });
      if (!responded) continue;
      const score = () => Math.max(1, Math.min(5, Math.round(lean + rng.next() * 2 - 1)));
      out.surveyResponse.push({
        id: id(),
        waveId,
        teamId: s.teamId ?? null,
        answers: { understand_daarr: score(), confident_da: score(), hub_helps: score(), turnover_affects: Math.min(5, score() + 1), trained_abusive_men: rng.chance(0.4), ...(rng.chance(0.5) ? { comments: rng.pick(comments) } : {}) },
      });
    }
  };
  wave(QUALITY_IDS.wavePhase2, "Phase 2 (autumn 2018)", "2018-11-01", "2018-12-14", 112, 18, 3.4);
  wave(QUALITY_IDS.wavePhase3, "Phase 3 (autumn 2019)", "2019-10-01", "2019-11-15", 112, 5, 3.1);
  // An open wave for the demo logins with a staff record, so the survey can be answered in the portal.
  out.surveyWave.push({ id: QUALITY_IDS.waveOpen, surveyId: QUALITY_IDS.staffSurvey, name: "Follow-up (2020 onwards)", opensOn: day("2020-03-02"), closesOn: day("2030-03-31"), createdAt: day("2020-03-02") });
  for (const u of DEMO_USERS) {
    const s = input.staff.find((x) => x.id === u.staffId);
    if (s) out.surveyInvitation.push({ id: id(), waveId: QUALITY_IDS.waveOpen, staffId: s.id!, teamId: s.teamId ?? null, invitedAt: day("2020-03-02") });
  }
  return out;
}
