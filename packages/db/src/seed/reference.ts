/** Reference data for the demo trust: names, DfE codes, courses, logic models, instruments. */
import { COURSE_IDS, TABLE_26_RECORDED, TRAINING_COURSES } from "@evident/core";
import type { StaffRole } from "../generated/prisma/enums.js";

export interface Background {
  ethnicity: readonly (readonly [string, number])[];
  language: string;
  female: readonly string[];
  male: readonly string[];
  surnames: readonly string[];
}

/** Slough is one of England's most diverse towns; the mix below is illustrative, not census data. */
export const BACKGROUNDS: readonly (readonly [Background, number])[] = [
  [
    {
      ethnicity: [["WBRI", 9], ["WIRI", 1]],
      language: "English",
      female: ["Olivia", "Amelia", "Emily", "Jessica", "Sophie", "Chloe", "Lucy", "Hannah", "Grace", "Ellie", "Megan", "Lauren", "Kelly", "Donna", "Sarah", "Claire", "Gemma", "Leanne"],
      male: ["Oliver", "Harry", "Jack", "Charlie", "George", "Thomas", "James", "Daniel", "Liam", "Ryan", "Craig", "Lee", "Mark", "Paul", "Wayne", "Dean", "Scott", "Jamie"],
      surnames: ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Clarke", "Hughes"],
    },
    33,
  ],
  [
    {
      ethnicity: [["APKN", 10]],
      language: "Urdu",
      female: ["Ayesha", "Fatima", "Zainab", "Maryam", "Hira", "Sana", "Noor", "Amina", "Iqra", "Samina", "Nasreen", "Rubina"],
      male: ["Muhammad", "Ali", "Hamza", "Bilal", "Imran", "Usman", "Adnan", "Zain", "Tariq", "Khalid", "Asif", "Faisal"],
      surnames: ["Khan", "Hussain", "Ahmed", "Akhtar", "Iqbal", "Mahmood", "Butt", "Raja", "Shah", "Malik", "Aslam", "Bashir"],
    },
    20,
  ],
  [
    {
      ethnicity: [["AIND", 10]],
      language: "Punjabi",
      female: ["Priya", "Simran", "Harpreet", "Jasleen", "Navdeep", "Anita", "Kiran", "Manpreet", "Sunita", "Pooja"],
      male: ["Arjun", "Gurpreet", "Harjit", "Rajesh", "Sandeep", "Amit", "Vikram", "Jaspal", "Ravi", "Manjit"],
      surnames: ["Singh", "Kaur", "Sandhu", "Gill", "Sidhu", "Patel", "Sharma", "Dhillon", "Bains", "Johal"],
    },
    14,
  ],
  [
    {
      ethnicity: [["WOTH", 10]],
      language: "Polish",
      female: ["Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Zuzanna", "Julia", "Natalia", "Monika", "Ewa"],
      male: ["Piotr", "Krzysztof", "Tomasz", "Pawel", "Michal", "Jakub", "Kacper", "Marcin", "Lukasz", "Adam"],
      surnames: ["Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kowalczyk", "Kaminski", "Lewandowski", "Zielinski", "Szymanski", "Wozniak"],
    },
    9,
  ],
  [
    {
      ethnicity: [["BAFR", 6], ["BCRB", 3], ["MWBC", 2]],
      language: "English",
      female: ["Abena", "Chiamaka", "Grace", "Blessing", "Adaeze", "Tanisha", "Precious", "Kemi", "Shanice", "Esther"],
      male: ["Kwame", "Chidi", "Samuel", "Emmanuel", "Tunde", "Marcus", "Jerome", "Kofi", "Daniel", "Joseph"],
      surnames: ["Okafor", "Mensah", "Adeyemi", "Boateng", "Campbell", "Asante", "Okoro", "Francis", "Clarke", "Williams"],
    },
    12,
  ],
  [
    {
      ethnicity: [["OOTH", 6], ["AOTH", 4]],
      language: "Arabic",
      female: ["Layla", "Mariam", "Huda", "Rania", "Yasmin", "Nour", "Salma", "Dalia", "Hala", "Reem"],
      male: ["Omar", "Ahmad", "Youssef", "Khaled", "Hassan", "Mahmoud", "Sami", "Karim", "Tarek", "Nabil"],
      surnames: ["Al-Sayed", "Haddad", "Mansour", "Nasser", "Khalil", "Saleh", "Hamdan", "Darwish", "Ibrahim", "Aziz"],
    },
    7,
  ],
  [
    {
      ethnicity: [["ABAN", 5], ["MWAS", 3], ["NOBT", 2]],
      language: "English",
      female: ["Rumana", "Shirin", "Tasnim", "Jade", "Amber", "Leah"],
      male: ["Rahim", "Sohel", "Jamal", "Tyler", "Kieran", "Reece"],
      surnames: ["Begum", "Miah", "Rahman", "Uddin", "Edwards", "Turner"],
    },
    5,
  ],
];

export const STAFF_FIRST = ["Alison", "Bev", "Caroline", "Deborah", "Elaine", "Fiona", "Gill", "Helen", "Imogen", "Janet", "Karen", "Louise", "Michelle", "Nadia", "Priya", "Rachel", "Sue", "Tina", "Vicky", "Yvonne", "Andrew", "Ben", "Chris", "David", "Ed", "Gareth", "Ian", "Jon", "Kevin", "Matt", "Nick", "Raj", "Steve", "Tom", "Zahid", "Aisha", "Farah", "Joanna", "Marta", "Sian"];
export const STAFF_LAST = ["Allen", "Baker", "Carter", "Dhillon", "Ellis", "Fisher", "Grant", "Harris", "Iqbal", "Jackson", "Kaur", "Lewis", "Morgan", "Nowak", "Owen", "Parker", "Quinn", "Reid", "Shah", "Turner", "Underwood", "Vaughan", "Walsh", "Young", "Ahmed", "Bennett", "Cole", "Dixon", "Edwards", "Ford"];

export const TEAMS = [
  { key: "front", name: "Front Door & Assessment", service: "Assessment" },
  { key: "eh1", name: "Early Help Hub 1", service: "Early Help" },
  { key: "eh2", name: "Early Help Hub 2", service: "Early Help" },
  { key: "cp1", name: "Child Protection Hub 1", service: "Safeguarding" },
  { key: "cp2", name: "Child Protection Hub 2", service: "Safeguarding" },
  { key: "cp3", name: "Child Protection Hub 3", service: "Safeguarding" },
  { key: "cla", name: "Children Looked After", service: "Children Looked After" },
  { key: "da", name: "Domestic Abuse (DAARR)", service: "Domestic Abuse" },
  { key: "hub", name: "Innovation Hub", service: "Innovation Hub" },
  { key: "wfd", name: "Workforce Development", service: "Workforce" },
  { key: "pi", name: "Performance & Insight", service: "Performance" },
  { key: "lead", name: "Leadership & Business Support", service: "Corporate" },
] as const;
export type TeamKey = (typeof TEAMS)[number]["key"];

/** Initial establishment: [role, team keys, count, job title]. */
export const ESTABLISHMENT: readonly { role: StaffRole; teams: readonly TeamKey[]; count: number; title: string }[] = [
  { role: "social_worker", teams: ["front", "cp1", "cp2", "cp3", "cla"], count: 88, title: "Social Worker" },
  { role: "family_support_worker", teams: ["eh1", "eh2", "cp1", "cp2", "cp3"], count: 46, title: "Family Support Worker" },
  { role: "domestic_abuse_worker", teams: ["da"], count: 9, title: "Domestic Abuse Family Support Worker" },
  { role: "hub_worker", teams: ["hub"], count: 11, title: "Hub Family Support Worker" },
  { role: "team_manager", teams: ["front", "eh1", "eh2", "cp1", "cp2", "cp3", "cla", "da", "hub"], count: 20, title: "Team Manager" },
  { role: "senior_manager", teams: ["lead"], count: 8, title: "Head of Service" },
  { role: "analyst", teams: ["pi"], count: 6, title: "Performance Analyst" },
  { role: "trainer", teams: ["wfd"], count: 5, title: "Learning & Development Officer" },
  { role: "business_support", teams: ["lead", "front", "pi"], count: 42, title: "Business Support Officer" },
];

export const REFERRAL_SOURCES: readonly (readonly [string, number])[] = [
  ["5A", 24], // police
  ["3A", 18], // school
  ["2B", 10], // health: GP / health visitor
  ["1A", 8], // individual: family member
  ["6", 6], // LA services
  ["4", 6], // housing
  ["2A", 6], // health: hospital
  ["9", 4], // anonymous
  ["10", 4], // other
];
export const PRIMARY_NEEDS: readonly (readonly [string, number])[] = [
  ["N1", 50], // abuse or neglect
  ["N2", 5],
  ["N3", 5],
  ["N4", 12], // family in acute stress
  ["N5", 10], // family dysfunction
  ["N6", 3],
  ["N7", 2],
  ["N8", 6],
  ["N9", 7],
];
/** CIN census assessment factors; 3A-3C are domestic abuse (child, parent, other person). */
export const DA_FACTORS = ["3A", "3B", "3C"] as const;
export const OTHER_FACTORS = ["1B", "1C", "2B", "2C", "4B", "4C", "5B", "5C", "6B", "6C", "7B", "8B", "9B", "10A", "11A", "12A", "14B", "16A", "17A", "18B", "19B", "20", "21", "22A", "24A"] as const;
export const CP_CATEGORIES: readonly (readonly [string, number])[] = [["NEG", 45], ["EMO", 35], ["PHY", 8], ["SAB", 4], ["MUL", 8]];
export const CLA_LEGAL: readonly (readonly [string, number])[] = [["C2", 45], ["V2", 30], ["L2", 10], ["E1", 10], ["C1", 5]];
export const REFERRAL_OUTCOMES = ["Assessment (Early Help)", "Assessment (CIN)", "Strategy discussion", "Information and advice", "Signposted to universal services"] as const;

export const AGENCIES = ["police", "adult_mental_health", "drug_alcohol", "health_visiting", "school", "housing", "probation", "camhs", "gp"] as const;

export const VENUES = ["Chalvey Community Centre", "Britwell Centre", "Langley Children's Centre", "Slough Family Centre", "Cippenham Hub"] as const;
export const STREETS = ["High Street", "Farnham Road", "Bath Road", "Stoke Road", "Wexham Road", "Langley Road", "Ledgers Road", "Uxbridge Road", "Burnham Lane", "London Road", "Chalvey Road", "Baylis Road", "Whitby Road", "Montem Lane"] as const;
export const POSTCODE_AREAS = ["SL1 1", "SL1 2", "SL1 3", "SL1 5", "SL1 6", "SL2 1", "SL2 2", "SL2 5", "SL3 7", "SL3 8"] as const;

/** Table 26's six courses (13 sessions, 144 participants) plus the VADA tool, with delivery mode, prerequisites (codes) and languages. */
/** The demo trust's short course codes for the core's built-in catalogue. */
const COURSE_CODE: Record<string, string> = {
  [COURSE_IDS.ifpProgramme]: "IFP",
  [COURSE_IDS.ifpTrainTheTrainer]: "IFP_TTT",
  [COURSE_IDS.recoveryToolkit]: "RECOVERY",
  [COURSE_IDS.managersDaDay]: "GM_CSW_DA",
  [COURSE_IDS.abusiveMen]: "ABUSIVE_MEN",
  [COURSE_IDS.familiesAffected]: "DA_FAMILIES",
  [COURSE_IDS.vada]: "VADA",
};

/** What only the demo knows about each course: which job roles must hold it, who attended, and (VADA, which Table 26 does not cover) how many sessions and participants. */
const DEMO_COURSE: Record<string, { requiredFor: StaffRole[]; roles: StaffRole[]; recorded?: { courses: number; participants: number } }> = {
  IFP: { requiredFor: ["domestic_abuse_worker"], roles: ["domestic_abuse_worker", "family_support_worker", "hub_worker", "social_worker"] },
  IFP_TTT: { requiredFor: [], roles: ["domestic_abuse_worker", "trainer"] },
  RECOVERY: { requiredFor: ["domestic_abuse_worker"], roles: ["domestic_abuse_worker", "family_support_worker", "hub_worker"] },
  GM_CSW_DA: { requiredFor: [], roles: ["team_manager", "senior_manager"] },
  ABUSIVE_MEN: { requiredFor: ["social_worker"], roles: ["social_worker", "family_support_worker", "team_manager"] },
  DA_FAMILIES: { requiredFor: ["social_worker", "family_support_worker", "hub_worker"], roles: ["social_worker", "family_support_worker", "hub_worker"] },
  VADA: { requiredFor: ["social_worker", "domestic_abuse_worker"], roles: ["social_worker", "domestic_abuse_worker"], recorded: { courses: 2, participants: 18 } },
};

/**
 * The demo's courses: the core's catalogue (titles, hours, validity, mode,
 * prerequisites, languages, descriptions, the facilitator qualification) and
 * Table 26's courses delivered and participants, with the demo's codes and roles.
 */
export const COURSES = TRAINING_COURSES.map((c) => {
  const code = COURSE_CODE[c.id]!;
  const demo = DEMO_COURSE[code]!;
  const recorded = TABLE_26_RECORDED[c.id] ?? demo.recorded!;
  return {
    code,
    title: c.title,
    description: c.description,
    hours: c.durationHours,
    validityMonths: c.validityMonths,
    requiredFor: demo.requiredFor,
    qualifiesFacilitator: c.grantsQualification !== null,
    sessions: recorded.courses,
    participants: recorded.participants,
    roles: demo.roles,
    mode: c.deliveryMode,
    prerequisites: c.prerequisites.map((p) => COURSE_CODE[p]!),
    languages: [...c.languages],
  };
});

export const MODULES = [
  { code: "WELCOME", title: "Welcome to the Trust", minutes: 45, content: "# Welcome\nWho we are, how the Trust is organised, who to ask." },
  { code: "SAFEGUARDING", title: "Safeguarding procedures", minutes: 60, content: "# Safeguarding\nThresholds, strategy discussions, escalation." },
  { code: "RECORDING", title: "Recording in Evident", minutes: 40, content: "# Recording\nFamilies, referrals, assessments, plans and decisions." },
  { code: "DA_AWARENESS", title: "Domestic abuse awareness and the DAARR model", minutes: 60, content: "# Domestic abuse\nRecognising coercive control; the information barrier; safe contact." },
  { code: "INFO_SHARING", title: "Information sharing and consent", minutes: 30, content: "# Information sharing\nConsent per purpose and agency; when a child is at risk." },
  { code: "VADA_INTRO", title: "Introduction to the VADA tool", minutes: 30, content: "# VADA\nViolence and Abuse Dynamics Assessment.", course: "VADA" },
] as const;

export const PLANS: readonly { name: string; role: StaffRole; items: readonly { module?: string; course?: string; days: number }[] }[] = [
  { name: "Social worker induction", role: "social_worker", items: [{ module: "WELCOME", days: 7 }, { module: "SAFEGUARDING", days: 14 }, { module: "RECORDING", days: 14 }, { module: "DA_AWARENESS", days: 30 }, { module: "INFO_SHARING", days: 30 }, { course: "DA_FAMILIES", days: 90 }, { course: "ABUSIVE_MEN", days: 120 }, { course: "VADA", days: 90 }] },
  { name: "Family support worker induction", role: "family_support_worker", items: [{ module: "WELCOME", days: 7 }, { module: "SAFEGUARDING", days: 14 }, { module: "RECORDING", days: 14 }, { module: "DA_AWARENESS", days: 30 }, { course: "DA_FAMILIES", days: 90 }] },
  { name: "Domestic abuse worker induction", role: "domestic_abuse_worker", items: [{ module: "WELCOME", days: 7 }, { module: "DA_AWARENESS", days: 14 }, { module: "INFO_SHARING", days: 14 }, { course: "IFP", days: 60 }, { course: "RECOVERY", days: 90 }, { course: "VADA", days: 60 }] },
  { name: "Hub worker induction", role: "hub_worker", items: [{ module: "WELCOME", days: 7 }, { module: "SAFEGUARDING", days: 14 }, { module: "INFO_SHARING", days: 14 }, { course: "DA_FAMILIES", days: 90 }] },
];

export const INSTRUMENTS = [
  {
    code: "FWC7",
    name: "Family Wellbeing Check (demo, 7 items)",
    source: "Evident demo instrument: not a validated scale",
    items: ["We get on well together at home", "I feel safe at home", "I can talk to someone when things go wrong", "Our routines work (meals, school, bedtime)", "I feel confident as a parent", "I know where to get help", "Things at home are calm"].map((text, i) => ({
      id: `q${i + 1}`,
      text,
      options: [0, 1, 2, 3, 4].map((v) => ({ value: v, label: ["Never", "Rarely", "Sometimes", "Often", "Always"][v] })),
    })),
    scoring: { method: "sum", min: 0, max: 28, higherIsBetter: true },
  },
  {
    code: "SAFE5",
    name: "Safety and Confidence Scale (demo, 5 items)",
    source: "Evident demo instrument: not a validated scale",
    items: ["I feel afraid of my partner or ex-partner", "I feel able to keep myself and my children safe", "I understand what abusive behaviour is", "I have people I can turn to", "I feel in control of my life"].map((text, i) => ({
      id: `s${i + 1}`,
      text,
      reverse: i === 0,
      options: [0, 1, 2, 3, 4].map((v) => ({ value: v, label: ["Not at all", "A little", "Somewhat", "Mostly", "Completely"][v] })),
    })),
    scoring: { method: "sum", min: 0, max: 20, higherIsBetter: true, reverseItems: ["s1"] },
  },
] as const;

type Col = "inputs" | "activities" | "outputs" | "impacts" | "outcomes";
export interface LogicModelSpec {
  name: string;
  programme: string | null;
  description: string;
  nodes: readonly { key: string; column: Col; group: string; text: string }[];
  links: readonly (readonly [string, string])[];
}

/** Abridged from the report's Appendix 1 (Figures 6-8). */
export const LOGIC_MODELS: readonly LogicModelSpec[] = [
  {
    name: "DAARR workstream",
    programme: "IFP",
    description: "Figure 7 of the evaluation report: Domestic Abuse Assessment, Recovery and Resilience.",
    nodes: [
      { key: "fund", column: "inputs", group: "Funding", text: "£678,981 DfE funding 2017/18-2018/19 (staffing, training, evaluation)" },
      { key: "staff", column: "inputs", group: "Staff", text: "DA family support workers, DV/A coordinator, consultant social worker" },
      { key: "vada", column: "activities", group: "Assessment", text: "Violence and Abuse Dynamics Assessment (VADA) tool" },
      { key: "ifp", column: "activities", group: "Intervention", text: "The Inspiring Families Programme (IFP)" },
      { key: "oto", column: "activities", group: "Intervention", text: "Targeted 1-2-1 work with men who have completed IFP" },
      { key: "toolkit", column: "activities", group: "Recovery", text: "Adult and Children and Young People Recovery Toolkits" },
      { key: "train", column: "activities", group: "Workforce development", text: "Training across all hubs on \"How to Work with Abusive Men\"" },
      { key: "o_vic", column: "outputs", group: "Victims", text: "Number of victims who complete the IFP" },
      { key: "o_perp", column: "outputs", group: "Perpetrators", text: "Number of perpetrators who complete the IFP" },
      { key: "o_cyp", column: "outputs", group: "Children and young people", text: "Number of CYP who complete the Recovery Toolkit" },
      { key: "o_prac", column: "outputs", group: "Practice", text: "Number of professionals trained on \"How to Work with Abusive Men\"" },
      { key: "o_sys", column: "outputs", group: "System", text: "Number of days between case allocation and assessment" },
      { key: "i_cyp", column: "impacts", group: "Children and young people", text: "CYP are happier and feel safer" },
      { key: "i_vic", column: "impacts", group: "Victims", text: "Reduction in experience of physical violence and coercive control" },
      { key: "i_perp", column: "impacts", group: "Perpetrators", text: "Increased understanding that their behaviour is abusive" },
      { key: "i_prac", column: "impacts", group: "Practice", text: "Time between allocation and assessment reduced (target: 10 days)" },
      { key: "out_cla", column: "outcomes", group: "System", text: "Reduction in the number of CYP becoming looked after" },
      { key: "out_cp", column: "outcomes", group: "System", text: "20% fewer CP cases with a known DA perpetrator" },
      { key: "out_cost", column: "outcomes", group: "System", text: "£376,000 reduction in cost across Early Help and CP hubs from 2019/20" },
    ],
    links: [["fund", "ifp"], ["staff", "ifp"], ["staff", "vada"], ["ifp", "o_vic"], ["ifp", "o_perp"], ["oto", "o_perp"], ["toolkit", "o_cyp"], ["train", "o_prac"], ["vada", "o_sys"], ["o_vic", "i_vic"], ["o_perp", "i_perp"], ["o_cyp", "i_cyp"], ["o_prac", "i_prac"], ["o_sys", "i_prac"], ["i_vic", "out_cp"], ["i_perp", "out_cp"], ["i_cyp", "out_cla"], ["out_cp", "out_cost"], ["out_cla", "out_cost"]],
  },
  {
    name: "Innovation Hub",
    programme: "HUB",
    description: "Figure 8 of the evaluation report: the multi-agency Innovation Hub.",
    nodes: [
      { key: "fund", column: "inputs", group: "Funding", text: "£1,362,708 DfE funding 2017/18-2018/19" },
      { key: "staff", column: "inputs", group: "Staff", text: "Senior social worker, 4 FTE family support workers, drug & alcohol worker, primary mental health worker" },
      { key: "door", column: "activities", group: "Assessment", text: "Integrated front door: children below CP threshold needing further action referred to the Hub" },
      { key: "int", column: "activities", group: "Intervention", text: "Intensive family support, weekly visits, team around the family meetings" },
      { key: "refer", column: "activities", group: "Referral", text: "Families referred on to appropriate services and agencies" },
      { key: "o_cyp", column: "outputs", group: "Children and young people", text: "Number of children and young people supported by the Hub" },
      { key: "o_par", column: "outputs", group: "Parents and carers", text: "Number of parents/carers supported by an early intervention worker" },
      { key: "o_sys", column: "outputs", group: "System", text: "Number of families referred to the Hub; level 1 and level 2 assessments" },
      { key: "i_fam", column: "impacts", group: "Families", text: "Issues and risks addressed earlier, at a whole-family level" },
      { key: "out_cla", column: "outcomes", group: "System", text: "Fewer children becoming looked after" },
      { key: "out_step", column: "outcomes", group: "System", text: "Families stepped down to universal services with follow-up" },
    ],
    links: [["fund", "int"], ["staff", "int"], ["door", "o_sys"], ["int", "o_cyp"], ["int", "o_par"], ["refer", "o_par"], ["o_cyp", "i_fam"], ["o_par", "i_fam"], ["i_fam", "out_cla"], ["i_fam", "out_step"]],
  },
  {
    name: "SCST Innovation Programme (original theory of change)",
    programme: null,
    description: "Figure 6 of the evaluation report: the theory of change in the funding bid.",
    nodes: [
      { key: "fund", column: "inputs", group: "Funding", text: "DfE Innovation Programme funding" },
      { key: "hubs", column: "activities", group: "Delivery", text: "Three enhanced multi-agency hubs; DAARR domestic-abuse model" },
      { key: "seven", column: "outputs", group: "System", text: "Support available 7 days per week (32 more hours a week)" },
      { key: "early", column: "impacts", group: "Families", text: "More families engaged earlier; risks tackled sooner" },
      { key: "fewer", column: "outcomes", group: "System", text: "Fewer children needing statutory services; lower cost" },
    ],
    links: [["fund", "hubs"], ["hubs", "seven"], ["seven", "early"], ["early", "fewer"]],
  },
];
