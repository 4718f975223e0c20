/**
 * The built-in training catalogue: the six courses of the evaluation report's
 * Appendix 3 Table 26 (titles exactly as published) plus the VADA tool
 * course, six onboarding modules with short quizzes, and a default onboarding
 * plan for every role. A trust can edit all of these; they are a starting
 * point that reflects the report's recommendation that domestic abuse
 * training be "delivered consistently and included when onboarding new staff".
 */
import type { TRole } from "../access/roles.js";
import type { TCourse, TOnboardingModule, TOnboardingPlan, TOnboardingPlanItem } from "./schemas.js";

/** The facilitator qualification for the Inspiring Families group programme (both tracks). */
export const IFP_FACILITATOR_QUALIFICATION = "facilitator:inspiring_families";

export const COURSE_IDS = {
  ifpProgramme: "ifp-programme",
  ifpTrainTheTrainer: "ifp-train-the-trainer",
  recoveryToolkit: "da-recovery-toolkit",
  managersDaDay: "managers-csw-da-day",
  abusiveMen: "risk-and-abusive-men",
  familiesAffected: "families-affected-by-da",
  vada: "vada-tool",
} as const;

/** Table 26's courses in the report's order, then the VADA course (which the report's monitoring data did not cover). */
export const TRAINING_COURSES: readonly TCourse[] = [
  {
    id: COURSE_IDS.ifpProgramme,
    title: "Inspiring Families Programme",
    description:
      "The 10-week psycho-educational group programme for parents who have decided to stay together where domestic abuse is a concern: its parallel victims' and perpetrators' tracks, who to refer, how to support parents between sessions and how the programme informs assessment of risk and capacity to change.",
    deliveryMode: "classroom",
    durationHours: 6,
    validityMonths: 36,
    mandatoryForRoles: ["dv_worker"],
    prerequisites: [],
    grantsQualification: null,
    languages: ["English"],
  },
  {
    id: COURSE_IDS.ifpTrainTheTrainer,
    title: "Inspiring Families – Train the Trainer",
    description:
      "Three days for staff who will facilitate Inspiring Families groups: session plans, co-facilitation, safety planning, handling disclosures and disguised compliance, and keeping the registers and questionnaires. Completing it qualifies a facilitator for both tracks.",
    deliveryMode: "classroom",
    durationHours: 18,
    validityMonths: 36,
    mandatoryForRoles: [],
    prerequisites: [COURSE_IDS.ifpProgramme, COURSE_IDS.abusiveMen],
    grantsQualification: IFP_FACILITATOR_QUALIFICATION,
    languages: ["English"],
  },
  {
    id: COURSE_IDS.recoveryToolkit,
    title: "Adult and Children and Young People DA Recovery Toolkit",
    description:
      "The trauma-informed recovery toolkit: an 8-week group programme for children and a 12-week programme for adults, with elements of trauma-focused CBT; eligibility, running groups and one-to-one adaptations.",
    deliveryMode: "blended",
    durationHours: 12,
    validityMonths: 36,
    mandatoryForRoles: ["dv_worker"],
    prerequisites: [COURSE_IDS.familiesAffected],
    grantsQualification: null,
    languages: ["English"],
  },
  {
    id: COURSE_IDS.managersDaDay,
    title: "Group Managers and CSWs DA Training Day",
    description:
      "A day for group managers and consultant social workers: overseeing domestic abuse cases, reviewing risk and safety plans, MARAC, supervision that keeps the child in view, and the trust's programmes.",
    deliveryMode: "classroom",
    durationHours: 6,
    validityMonths: 24,
    mandatoryForRoles: ["manager"],
    prerequisites: [],
    grantsQualification: null,
    languages: ["English"],
  },
  {
    id: COURSE_IDS.abusiveMen,
    title: "How to Manage Risk and Work with Abusive Men",
    description:
      "Engaging fathers and partners who use abuse: assessing and managing risk, recognising minimisation and blame, avoiding collusion, and keeping the focus on the child and the adult victim's safety.",
    deliveryMode: "classroom",
    durationHours: 6,
    validityMonths: 24,
    mandatoryForRoles: ["manager", "practitioner", "dv_worker"],
    prerequisites: [],
    grantsQualification: null,
    languages: ["English"],
  },
  {
    id: COURSE_IDS.familiesAffected,
    title: "Working with Families Affected by DA",
    description:
      "The foundation course: what domestic abuse is, coercive control, the impact on children, risk identification (DASH), safety planning, referral routes and the trust's domestic abuse offer.",
    deliveryMode: "blended",
    durationHours: 6,
    validityMonths: 24,
    mandatoryForRoles: ["manager", "practitioner", "dv_worker", "trainer"],
    prerequisites: [],
    grantsQualification: null,
    languages: ["English"],
  },
  {
    id: COURSE_IDS.vada,
    title: "VADA tool",
    description:
      "Using the Violence and Abuse Dynamics Assessment with families: gathering each person's account, mapping the dynamics of abuse and its effect on the children, and recording the analysis in the assessment.",
    deliveryMode: "blended",
    durationHours: 3,
    validityMonths: 24,
    mandatoryForRoles: ["practitioner", "dv_worker"],
    prerequisites: [COURSE_IDS.familiesAffected],
    grantsQualification: null,
    languages: ["English"],
  },
];

/**
 * What Appendix 3 Table 26 recorded for each of its six courses (SCST
 * monitoring data, "as of March 2020"): courses delivered and participants.
 * The report gives no durations; the hours above are the catalogue's own.
 * The VADA course is not in the table.
 */
export const TABLE_26_RECORDED: Readonly<Record<string, { courses: number; participants: number }>> = {
  [COURSE_IDS.ifpProgramme]: { courses: 2, participants: 23 },
  [COURSE_IDS.ifpTrainTheTrainer]: { courses: 1, participants: 6 },
  [COURSE_IDS.recoveryToolkit]: { courses: 2, participants: 22 },
  [COURSE_IDS.managersDaDay]: { courses: 1, participants: 5 },
  [COURSE_IDS.abusiveMen]: { courses: 4, participants: 56 },
  [COURSE_IDS.familiesAffected]: { courses: 3, participants: 32 },
};

export const MODULE_IDS = {
  daAndChildren: "da-and-children",
  referringSafely: "referring-safely",
  abusiveMen: "working-with-abusive-men",
  consentAndSharing: "consent-and-information-sharing",
  assessmentTools: "using-assessment-tools",
  theoryOfChange: "theory-of-change",
} as const;

export const ONBOARDING_MODULES: readonly TOnboardingModule[] = [
  {
    id: MODULE_IDS.daAndChildren,
    title: "What domestic abuse is and its effect on children",
    requiresAcknowledgement: true,
    acknowledgementText: "I have read this module and know how to raise a concern about a child.",
    content: `# What domestic abuse is and its effect on children

The Domestic Abuse Act 2021 defines domestic abuse as abusive behaviour by one person towards another where both are aged 16 or over and are **personally connected** (partners, ex-partners, relatives, or people who share parental responsibility). It includes physical or sexual abuse, violent or threatening behaviour, **controlling or coercive behaviour**, economic abuse, and psychological or emotional abuse. It can be a single incident or a pattern over time.

Coercive control is often the heart of it: isolating someone from friends and family, monitoring their phone, controlling money, and making them afraid of what will happen if they do not comply. Many families we work with will not describe this as "abuse" – listen for what people cannot do, not only for what has been done to them.

**Children are victims in their own right.** The Act recognises a child who sees, hears or experiences the effects of domestic abuse as a victim. Children may be hurt in an incident, live in fear, lose routines and school days, or be drawn into the abuse (asked to spy or report back). Effects include anxiety, sleep problems, behaviour that looks like "naughtiness", withdrawal, and an idea of relationships that they may carry into their own lives. Seeing or hearing the ill-treatment of another person is part of the legal meaning of harm to a child.

**What to do.** If you are worried about a child, talk to your manager or the duty team the same day and record what you saw or heard, in the person's own words where you can. If a child or adult is in immediate danger, call 999. Never confront the person you think is causing harm: it can raise the risk to the victim and the children.`,
    quiz: {
      passMark: 0.6,
      questions: [
        {
          id: "q1",
          prompt: "Under the Domestic Abuse Act 2021, which of these can be domestic abuse on its own?",
          options: ["Only physical violence that causes an injury", "Controlling or coercive behaviour, such as controlling money and contact with friends", "Only incidents reported to the police"],
          correctIndex: 1,
          explanation: "The Act covers controlling or coercive behaviour and economic abuse as well as violence; there need be no injury or police report.",
        },
        {
          id: "q2",
          prompt: "A child hears their father threatening their mother most evenings but is never hit. How does the law see the child?",
          options: ["As a witness only", "As not affected, because they were not hurt", "As a victim of domestic abuse in their own right"],
          correctIndex: 2,
          explanation: "A child who sees, hears or experiences the effects of domestic abuse is a victim in their own right.",
        },
        {
          id: "q3",
          prompt: "You are worried about a child after a home visit. What should you do first?",
          options: ["Talk to your manager or the duty team the same day and record what you saw and heard", "Ask the parent you suspect of abuse to explain", "Wait for the next visit to see if it happens again"],
          correctIndex: 0,
          explanation: "Share the worry the same day and record it. Confronting the person causing harm can raise the risk.",
        },
      ],
    },
  },
  {
    id: MODULE_IDS.referringSafely,
    title: "Referring into the programme safely",
    requiresAcknowledgement: true,
    acknowledgementText: "I will complete the safety checks before contacting a family about a referral.",
    content: `# Referring into the programme safely

The Inspiring Families Programme runs two separate groups over 10 weeks: one for the partner at risk of experiencing abuse and one for the partner who has used abuse. It is for families where domestic abuse is a concern and the parents have decided to stay together. Referral is a moment of risk: the person using abuse may punish their partner for "telling", so every referral starts with safety.

**Before you make contact**, complete the safety checks in the referral form: is it safe to call the victim, when, on which number, and who must not know about the referral? Record the safe-contact preferences exactly. Never send letters, texts or voicemails about the programme to a shared phone or address unless the victim has told you it is safe. Check for a current MARAC referral, bail conditions or court orders.

**Keep the two referrals apart.** The victim's address, contact details and safe-contact preferences are behind an information barrier: staff working with the perpetrator cannot see them, and you must not pass them on by any other route – not in a case note, an email or a conversation. Each partner is invited separately and must never learn what the other said in assessment.

**Consider access.** Groups run in English, Arabic, Urdu and Polish, in the day or evening, with childcare. Ask which language and time the person needs rather than assuming. Record who was referred but did not start and why: the evaluation could not say how many people were referred and never came, and that is how the programme learns who it is failing.`,
    quiz: {
      passMark: 0.6,
      questions: [
        {
          id: "q1",
          prompt: "When is it acceptable to leave a voicemail about the programme on a victim's phone?",
          options: ["Always, if you keep it short", "Only when the victim has told you that this number and voicemail are safe to use", "Only after 6pm"],
          correctIndex: 1,
          explanation: "Use only the channels and times the victim has said are safe, as recorded in the safe-contact preferences.",
        },
        {
          id: "q2",
          prompt: "A colleague working with the perpetrator asks for the victim's new address. What do you do?",
          options: ["Give it, as you both work for the trust", "Give it only by email", "Decline: the address is behind the information barrier and must not reach anyone working with the perpetrator"],
          correctIndex: 2,
          explanation: "The information barrier applies to every route, including conversations and email.",
        },
        {
          id: "q3",
          prompt: "Why record people who were referred but never started?",
          options: ["So the programme can see who it is not reaching and why", "It is not needed; only starters count", "To close the case sooner"],
          correctIndex: 0,
          explanation: "The evaluation could not answer who was referred but never came. Recording it shows where access is failing.",
        },
      ],
    },
  },
  {
    id: MODULE_IDS.abusiveMen,
    title: "Working with abusive men",
    requiresAcknowledgement: true,
    acknowledgementText: "I understand how to engage fathers who use abuse without colluding with them.",
    content: `# Working with abusive men

Many children living with domestic abuse keep contact with their father or their mother's partner, so we cannot keep children safe by working only with mothers. Engaging men who use abuse is part of protecting children – but it has to be done in a way that does not raise the risk to the adult victim or the children.

**Hold the person and the behaviour apart.** Be respectful and curious about the man as a father, and clear that the abuse is his responsibility and his choice. Expect minimisation ("it was only a push"), denial, and blame ("she winds me up", "it was the drink"). Do not argue; name the behaviour, bring the conversation back to its effect on the children, and ask what he wants his children to remember.

**Avoid collusion.** Collusion is any response that lets the abuse continue unchallenged: agreeing that "it takes two", treating abuse as a relationship problem, or offering couples work or mediation where there is abuse. Never share what the victim has told you, and never ask him about something only she could have disclosed – he will know where it came from.

**Keep assessing risk.** A man engaging well in sessions can still be dangerous. Watch for disguised compliance, separation, pregnancy, and escalating jealousy or stalking, all known to raise risk. Share concerns with your manager and, where the threshold is met, the MARAC. The group programme and the one-to-one work that follows are interventions, not evidence on their own that risk has reduced: look for change the victim and the children report.`,
    quiz: {
      passMark: 0.6,
      questions: [
        {
          id: "q1",
          prompt: "A father says the incident happened because his partner \"kept winding him up\". What is a good response?",
          options: ["Agree that both of them need to calm down", "Acknowledge what he said, be clear the behaviour was his choice, and ask about the effect on the children", "Suggest couples counselling"],
          correctIndex: 1,
          explanation: "Name the behaviour as his responsibility and bring the focus back to the children; couples work is not appropriate where there is abuse.",
        },
        {
          id: "q2",
          prompt: "Which of these is collusion?",
          options: ["Treating the abuse as a mutual relationship problem", "Asking how his children experience his anger", "Recording what he says in his own words"],
          correctIndex: 0,
          explanation: "Framing abuse as mutual lets the behaviour continue unchallenged.",
        },
        {
          id: "q3",
          prompt: "A man attends every group session and is polite and engaged. What does that tell you about risk?",
          options: ["Risk has reduced and the case can close", "On its own, very little: keep assessing, including what the victim and children report", "That the victim exaggerated"],
          correctIndex: 1,
          explanation: "Attendance is not change. Watch for disguised compliance and listen to the victim and the children.",
        },
      ],
    },
  },
  {
    id: MODULE_IDS.consentAndSharing,
    title: "Consent and information sharing",
    requiresAcknowledgement: true,
    acknowledgementText: "I will record consent, refusals and every decision to share information, with the reason.",
    content: `# Consent and information sharing

Sharing the right information at the right time saves lives; sharing the wrong information with the wrong person can put a victim in danger. UK GDPR and the Data Protection Act 2018 are **not a barrier** to sharing information to keep a child safe – but every share needs a lawful reason and a record.

**Consent is specific.** In Evident, consent to share is recorded per person, per purpose and per recipient agency, and can be given, refused or withdrawn at any time. Consent for the health visitor is not consent for the police. When you ask, explain in plain English what will be shared, with whom and why. If someone withdraws consent, stop sharing on that basis from that moment.

**Sharing without consent.** Consent is not always the right basis, and you must not ask for it if asking would put a child or adult at greater risk, or if you would share anyway. Where a child is at risk of significant harm, information can and should be shared without consent. In Evident this is a **safeguarding override**: it needs a written reason and an authorised manager, and it is audited. Share only what is necessary for the purpose, with the people who need it, securely.

**Record every decision**, including decisions *not* to share: what you shared, with whom, when, on what basis and why. If in doubt, ask your manager or the data protection officer – but do not let doubt delay action when a child is in danger.`,
    quiz: {
      passMark: 1,
      questions: [
        {
          id: "q1",
          prompt: "A mother consented to sharing information with her GP. Can you share the same information with the police on that consent?",
          options: ["Yes, consent covers all agencies", "No: consent is per purpose and per recipient agency", "Yes, if the police ask in writing"],
          correctIndex: 1,
          explanation: "Consent is specific to the purpose and the recipient; sharing with the police needs its own basis.",
        },
        {
          id: "q2",
          prompt: "A child is at risk of significant harm and the father refuses consent. What do you do?",
          options: ["Share what is necessary under a safeguarding override, with a reason and an authorised manager, and record it", "Do not share, because consent was refused", "Share the whole case file with every agency"],
          correctIndex: 0,
          explanation: "Data protection law allows sharing to protect a child without consent. Share only what is necessary, and record the reason and the authorisation.",
        },
        {
          id: "q3",
          prompt: "You decide not to share some information. Do you need to record that?",
          options: ["No, only shares are recorded", "Only if a manager asks", "Yes: record decisions not to share and the reason, as well as shares"],
          correctIndex: 2,
          explanation: "A decision not to share is a decision; record it with its reason.",
        },
      ],
    },
  },
  {
    id: MODULE_IDS.assessmentTools,
    title: "Using the assessment tools",
    requiresAcknowledgement: false,
    content: `# Using the assessment tools

Good assessment is the start of good help, and consistent use of the same tools is what lets us show whether families are better off. The evaluation found that tools introduced without training – the VADA in particular – were not being used in case files a year later. This module is your map of the tools; the VADA course teaches it in depth.

**Risk.** The DASH risk identification checklist (SafeLives) is used with adult victims to identify risk of serious harm. Use the victim's own answers and your professional judgement. High risk (14 or more "yes" answers, escalation, or professional judgement) means a referral to the MARAC. Risk changes: repeat the checklist after a new incident, separation or pregnancy.

**Dynamics.** The Violence and Abuse Dynamics Assessment (VADA) helps front-line practitioners understand *how* abuse works in a particular family – who holds power, what the children experience, what each adult says – and so what help fits. Record the analysis, not just the answers.

**Assessment factors.** When you complete an Early Help or Child in Need assessment, record the factors identified, using the CIN census codes. The domestic abuse factors are 3A (the child is the subject), 3B (the parent or carer is the subject) and 3C (another person in the household is the subject). These codes are how the trust finds families for its programmes and comparison groups, so record them every time they apply.

**Questionnaires.** Programmes use validated questionnaires at entry, interim, exit and follow-up. Use the same instrument every time, at the agreed points, so that change can be measured for each person and each group.`,
    quiz: {
      passMark: 0.6,
      questions: [
        {
          id: "q1",
          prompt: "Which tool is used with an adult victim to identify risk of serious harm and decide on a MARAC referral?",
          options: ["The DASH risk identification checklist", "The CIN census", "The Table 26 report"],
          correctIndex: 0,
          explanation: "The DASH checklist identifies high risk; high risk leads to a MARAC referral.",
        },
        {
          id: "q2",
          prompt: "Which CIN assessment factor records that the child's parent or carer is the subject of domestic abuse?",
          options: ["3A", "3B", "3C"],
          correctIndex: 1,
          explanation: "3A is the child, 3B the parent or carer, 3C another person in the household.",
        },
        {
          id: "q3",
          prompt: "Why use the same questionnaire at entry and exit?",
          options: ["It is quicker", "So that change for each person and group can be measured", "Because families prefer it"],
          correctIndex: 1,
          explanation: "Only the same validated instrument, used at agreed points, shows change.",
        },
      ],
    },
  },
  {
    id: MODULE_IDS.theoryOfChange,
    title: "The trust's theory of change",
    requiresAcknowledgement: true,
    acknowledgementText: "I understand how my recording contributes to the trust's measures.",
    content: `# The trust's theory of change

A theory of change explains how what we do is expected to make children's lives better, step by step. Ours is written as a logic model: **inputs** (staff, funding, training) → **activities** (assessments, the Inspiring Families groups, one-to-one work with men, hub cases) → **outputs** (how many families were assessed, started, completed) → **impacts** (children feel safer, there is less fighting at home, parents understand the effect of abuse) → **outcomes** (fewer children needing child protection plans or coming into care, and fewer repeat referrals).

**Why it matters to you.** The Department for Education's evaluation of the trust's Innovation Programme could not say whether parts of it worked, because there was no clear theory of change linked to measures and no consistent record of sessions, referrals and questionnaires. Every box in the logic model is tied to an indicator that Evident calculates from your records. When you record attendance, a withdrawal reason, a questionnaire or a decision, you are producing the evidence.

**Why it is written down.** Staff turnover was high, and new staff were not always told what a service was for – over time the Innovation Hub's approach was "diluted". A written theory of change, decision log and programme plan mean the purpose survives when people move on. Read the logic model for your service in Evident, and raise it with your manager if what you see in practice does not match it: the theory is meant to be tested and changed.`,
    quiz: {
      passMark: 0.6,
      questions: [
        {
          id: "q1",
          prompt: "In the logic model, which comes directly after activities?",
          options: ["Outcomes", "Outputs", "Inputs"],
          correctIndex: 1,
          explanation: "Inputs → activities → outputs → impacts → outcomes.",
        },
        {
          id: "q2",
          prompt: "Why could the evaluation not say whether parts of the programme worked?",
          options: ["There were too many families", "There was no clear theory of change linked to measures, and monitoring data were missing", "The programmes were too short"],
          correctIndex: 1,
          explanation: "The evaluators lacked a theory of change tied to measures and consistent records.",
        },
        {
          id: "q3",
          prompt: "What should you do if practice in your service does not match its logic model?",
          options: ["Ignore the logic model", "Raise it with your manager so the theory or the practice can change", "Change your records to match the model"],
          correctIndex: 1,
          explanation: "The theory of change is meant to be tested and revised; never change records to fit it.",
        },
      ],
    },
  },
];

const m = (itemId: string, dueWithinDays: number): TOnboardingPlanItem => ({ kind: "module", itemId, dueWithinDays });
const c = (itemId: string, dueWithinDays: number): TOnboardingPlanItem => ({ kind: "course", itemId, dueWithinDays });

/** Every module within 30 days (consent within 14: it is needed before the first share). */
const ALL_MODULES: TOnboardingPlanItem[] = [
  m(MODULE_IDS.consentAndSharing, 14),
  m(MODULE_IDS.daAndChildren, 30),
  m(MODULE_IDS.referringSafely, 30),
  m(MODULE_IDS.abusiveMen, 30),
  m(MODULE_IDS.assessmentTools, 30),
  m(MODULE_IDS.theoryOfChange, 30),
];

const plan = (role: TRole, title: string, items: TOnboardingPlanItem[]): TOnboardingPlan => ({ id: `onboarding-${role}`, role, title, items });

/** One default onboarding plan per role; each covers the courses mandatory for that role. */
export const DEFAULT_ONBOARDING_PLANS: readonly TOnboardingPlan[] = [
  plan("admin", "Onboarding: administrator", [m(MODULE_IDS.consentAndSharing, 14), m(MODULE_IDS.daAndChildren, 30), m(MODULE_IDS.theoryOfChange, 30)]),
  plan("manager", "Onboarding: manager", [
    ...ALL_MODULES,
    c(COURSE_IDS.familiesAffected, 60),
    c(COURSE_IDS.abusiveMen, 90),
    c(COURSE_IDS.managersDaDay, 90),
  ]),
  plan("practitioner", "Onboarding: practitioner", [
    ...ALL_MODULES,
    c(COURSE_IDS.familiesAffected, 60),
    c(COURSE_IDS.abusiveMen, 90),
    c(COURSE_IDS.vada, 90),
  ]),
  plan("dv_worker", "Onboarding: domestic abuse worker", [
    ...ALL_MODULES,
    c(COURSE_IDS.familiesAffected, 60),
    c(COURSE_IDS.abusiveMen, 60),
    c(COURSE_IDS.vada, 90),
    c(COURSE_IDS.ifpProgramme, 90),
    c(COURSE_IDS.recoveryToolkit, 120),
  ]),
  plan("trainer", "Onboarding: trainer", [
    ...ALL_MODULES,
    c(COURSE_IDS.familiesAffected, 60),
    c(COURSE_IDS.abusiveMen, 90),
    c(COURSE_IDS.ifpProgramme, 90),
    c(COURSE_IDS.ifpTrainTheTrainer, 180),
  ]),
  plan("analyst", "Onboarding: analyst", [
    m(MODULE_IDS.consentAndSharing, 14),
    m(MODULE_IDS.daAndChildren, 30),
    m(MODULE_IDS.assessmentTools, 30),
    m(MODULE_IDS.theoryOfChange, 30),
  ]),
  plan("staff", "Onboarding: all staff", [m(MODULE_IDS.consentAndSharing, 14), m(MODULE_IDS.daAndChildren, 30), m(MODULE_IDS.theoryOfChange, 30)]),
];

/** The default plan for a role (every role has one). */
export function defaultPlanFor(role: TRole, plans: readonly TOnboardingPlan[] = DEFAULT_ONBOARDING_PLANS): TOnboardingPlan | undefined {
  return plans.find((p) => p.role === role);
}
