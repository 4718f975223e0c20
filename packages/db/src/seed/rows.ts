/**
 * The rows the demo seed inserts, model by model, in dependency order (keys
 * are Prisma model delegates). Shared by the generators (demo.ts, present.ts).
 */
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";

/** Rows to insert, in dependency order (keys are Prisma model delegates). */
export function emptyRows() {
  return {
    team: [] as Prisma.TeamCreateManyInput[],
    staff: [] as Prisma.StaffCreateManyInput[],
    user: [] as Prisma.UserCreateManyInput[],
    family: [] as Prisma.FamilyCreateManyInput[],
    person: [] as Prisma.PersonCreateManyInput[],
    familyMember: [] as Prisma.FamilyMemberCreateManyInput[],
    personLink: [] as Prisma.PersonLinkCreateManyInput[],
    contactDetails: [] as Prisma.ContactDetailsCreateManyInput[],
    caseAllocation: [] as Prisma.CaseAllocationCreateManyInput[],
    referral: [] as Prisma.ReferralCreateManyInput[],
    statusEpisode: [] as Prisma.StatusEpisodeCreateManyInput[],
    assessment: [] as Prisma.AssessmentCreateManyInput[],
    consentToShare: [] as Prisma.ConsentToShareCreateManyInput[],
    programme: [] as Prisma.ProgrammeCreateManyInput[],
    programmeGroup: [] as Prisma.ProgrammeGroupCreateManyInput[],
    groupFacilitator: [] as Prisma.GroupFacilitatorCreateManyInput[],
    groupSession: [] as Prisma.GroupSessionCreateManyInput[],
    enrolment: [] as Prisma.EnrolmentCreateManyInput[],
    attendance: [] as Prisma.AttendanceCreateManyInput[],
    hubCase: [] as Prisma.HubCaseCreateManyInput[],
    hubVisit: [] as Prisma.HubVisitCreateManyInput[],
    tafMeeting: [] as Prisma.TafMeetingCreateManyInput[],
    meetingAgency: [] as Prisma.MeetingAgencyCreateManyInput[],
    meetingAction: [] as Prisma.MeetingActionCreateManyInput[],
    agencyInvolvement: [] as Prisma.AgencyInvolvementCreateManyInput[],
    stepDownPlan: [] as Prisma.StepDownPlanCreateManyInput[],
    followUp: [] as Prisma.FollowUpCreateManyInput[],
    questionnaireInstrument: [] as Prisma.QuestionnaireInstrumentCreateManyInput[],
    questionnaireResponse: [] as Prisma.QuestionnaireResponseCreateManyInput[],
    cohort: [] as Prisma.CohortCreateManyInput[],
    cohortMember: [] as Prisma.CohortMemberCreateManyInput[],
    tariffSet: [] as Prisma.TariffSetCreateManyInput[],
    programmeCost: [] as Prisma.ProgrammeCostCreateManyInput[],
    logicModel: [] as Prisma.LogicModelCreateManyInput[],
    logicModelVersion: [] as Prisma.LogicModelVersionCreateManyInput[],
    logicNode: [] as Prisma.LogicNodeCreateManyInput[],
    logicLink: [] as Prisma.LogicLinkCreateManyInput[],
    indicator: [] as Prisma.IndicatorCreateManyInput[],
    target: [] as Prisma.TargetCreateManyInput[],
    measurement: [] as Prisma.MeasurementCreateManyInput[],
    milestone: [] as Prisma.MilestoneCreateManyInput[],
    decision: [] as Prisma.DecisionCreateManyInput[],
    decisionLink: [] as Prisma.DecisionLinkCreateManyInput[],
    course: [] as Prisma.CourseCreateManyInput[],
    onboardingModule: [] as Prisma.OnboardingModuleCreateManyInput[],
    onboardingPlan: [] as Prisma.OnboardingPlanCreateManyInput[],
    onboardingPlanItem: [] as Prisma.OnboardingPlanItemCreateManyInput[],
    staffOnboardingPlan: [] as Prisma.StaffOnboardingPlanCreateManyInput[],
    trainingSession: [] as Prisma.TrainingSessionCreateManyInput[],
    trainingAttendance: [] as Prisma.TrainingAttendanceCreateManyInput[],
    trainingAssignment: [] as Prisma.TrainingAssignmentCreateManyInput[],
    trainingCompletion: [] as Prisma.TrainingCompletionCreateManyInput[],
    notification: [] as Prisma.NotificationCreateManyInput[],
    emailOutbox: [] as Prisma.EmailOutboxCreateManyInput[],
    // practice quality: audits and surveys (quality.ts)
    auditTemplate: [] as Prisma.AuditTemplateCreateManyInput[],
    auditRound: [] as Prisma.AuditRoundCreateManyInput[],
    auditCase: [] as Prisma.AuditCaseCreateManyInput[],
    auditAssignment: [] as Prisma.AuditAssignmentCreateManyInput[],
    survey: [] as Prisma.SurveyCreateManyInput[],
    surveyWave: [] as Prisma.SurveyWaveCreateManyInput[],
    surveyInvitation: [] as Prisma.SurveyInvitationCreateManyInput[],
    surveyResponse: [] as Prisma.SurveyResponseCreateManyInput[],
    // questionnaire translations and programme finance (finance.ts)
    questionnaireTranslation: [] as Prisma.QuestionnaireTranslationCreateManyInput[],
    programmeBudgetLine: [] as Prisma.ProgrammeBudgetLineCreateManyInput[],
    // DA coordinator consultations and MARAC referrals (da-work.ts)
    daConsultation: [] as Prisma.DaConsultationCreateManyInput[],
    maracReferral: [] as Prisma.MaracReferralCreateManyInput[],
  };
}
export type Rows = ReturnType<typeof emptyRows>;

const CHUNK = 1000;
type Delegate = { createMany(args: { data: unknown[]; skipDuplicates?: boolean }): Promise<{ count: number }> };

/** Inserts rows model by model, in chunks; ON CONFLICT DO NOTHING. */
export async function insertRows(client: Omit<PrismaClient, "$transaction" | "$connect" | "$disconnect" | "$on" | "$extends"> | PrismaClient, rows: Partial<Rows>, log?: (line: string) => void): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [model, data] of Object.entries(rows) as [string, unknown[]][]) {
    if (!data.length) continue;
    const delegate = (client as unknown as Record<string, Delegate>)[model]!;
    let n = 0;
    const started = Date.now();
    for (let i = 0; i < data.length; i += CHUNK) {
      n += (await delegate.createMany({ data: data.slice(i, i + CHUNK), skipDuplicates: true })).count;
    }
    counts[model] = n;
    log?.(`  ${model}: ${n} (${Date.now() - started} ms)`);
  }
  return counts;
}

