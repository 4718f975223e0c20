/**
 * Input schemas for the recorded work, shared by the API and the front ends.
 * Ids are opaque strings; dates are real calendar dates (YYYY-MM-DD); every
 * object is strict and every string bounded.
 */
import { z } from "zod";
import { inputDayInRange, MAX_INPUT_DAY, MIN_INPUT_DAY } from "../dates.js";
import { STATUSES } from "../statuses.js";
import { ZDate, ZId, ZPage, ZVersion, notBefore, zLine, zText } from "./common.js";
import { ZSafetyChecks } from "./enrolments.js";

/** Search text of a list: up to 100 characters, no control characters. */
const ZSearch = z
  .string()
  .trim()
  .max(100)
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: "must not contain control characters" });

// ---------------------------------------------------------------- families
export const ZFamilyListInput = ZPage.extend({
  search: ZSearch.optional(),
  open: z.boolean().optional(),
}).strict();

export const ZFamilyCreateInput = z
  .object({
    /** null: the system gives the next one (`nextReference`, F000123). Required, so that a call naming nothing creates nothing. */
    reference: z.string().trim().regex(/^[A-Za-z0-9-]{1,20}$/, "must be up to 20 letters, numbers or hyphens").nullable(),
    name: zLine(120),
    teamId: ZId.optional(),
    openedAt: ZDate.optional(),
  })
  .strict();
export type TFamilyCreateInput = z.infer<typeof ZFamilyCreateInput>;

export const ZFamilyPatch = z
  .object({
    name: zLine(120).optional(),
    teamId: ZId.nullable().optional(),
    openedAt: ZDate.nullable().optional(),
    closedAt: ZDate.nullable().optional(),
  })
  .strict();

export const ZFamilyUpdateInput = z.object({ id: ZId, version: ZVersion, patch: ZFamilyPatch }).strict();
export type TFamilyUpdateInput = z.infer<typeof ZFamilyUpdateInput>;

// ---------------------------------------------------------------- people
export const FAMILY_ROLES = ["child", "parent_carer", "victim", "perpetrator", "other"] as const;
export const GENDERS = ["female", "male", "other", "unknown"] as const;
/** DfE ethnicity codes are four capital letters (e.g. WBRI, APKN); REFU and NOBT included. */
export const ZEthnicity = z.string().regex(/^[A-Z]{4}$/, "must be a DfE ethnicity code");

export const ZPersonPatch = z
  .object({
    firstName: zLine(80).optional(),
    lastName: zLine(80).optional(),
    birthDate: ZDate.nullable().optional(),
    gender: z.enum(GENDERS).optional(),
    ethnicity: ZEthnicity.nullable().optional(),
    firstLanguage: zLine(40).nullable().optional(),
    interpreterNeeded: z.boolean().optional(),
  })
  .strict();

export const ZPersonCreateInput = z
  .object({
    familyId: ZId,
    /** null: the system gives the next one (`nextReference`, P0001234). */
    reference: z.string().trim().regex(/^[A-Za-z0-9-]{1,20}$/, "must be up to 20 letters, numbers or hyphens").nullable(),
    kind: z.enum(["child", "adult"]),
    familyRole: z.enum(FAMILY_ROLES),
    firstName: zLine(80),
    lastName: zLine(80),
    birthDate: ZDate.optional(),
    gender: z.enum(GENDERS).optional(),
    ethnicity: ZEthnicity.optional(),
    firstLanguage: zLine(40).optional(),
    interpreterNeeded: z.boolean().optional(),
  })
  .strict();

export const ZPersonUpdateInput = z.object({ id: ZId, version: ZVersion, patch: ZPersonPatch }).strict();

// ---------------------------------------------------------------- contact details (behind the barrier)
export const CONTACT_CHANNELS = ["phone", "sms", "email", "letter", "in_person", "none"] as const;

export const ZContactPatch = z
  .object({
    addressLine1: zLine(120).nullable().optional(),
    addressLine2: zLine(120).nullable().optional(),
    town: zLine(80).nullable().optional(),
    postcode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/, "must be a UK postcode")
      .nullable()
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ]{7,20}$/, "must be a phone number")
      .nullable()
      .optional(),
    email: z.string().trim().max(254).email().nullable().optional(),
    safeToCall: z.boolean().nullable().optional(),
    safeTimes: zLine(200).nullable().optional(),
    preferredChannel: z.enum(CONTACT_CHANNELS).nullable().optional(),
    unsafePeople: z.array(zLine(200)).max(20).optional(),
    notes: zText(2000).nullable().optional(),
    confidentiality: z.enum(["normal", "protected", "closed"]).optional(),
  })
  .strict();

export const ZContactGetInput = z.object({ personId: ZId }).strict();
/** `version` is 0 when no contact details are recorded yet. */
export const ZContactUpdateInput = z.object({ personId: ZId, version: ZVersion, patch: ZContactPatch }).strict();

export const ZOverrideListInput = z.object({ personId: ZId }).strict();
export const ZOverrideCreateInput = z
  .object({
    personId: ZId,
    userId: ZId,
    reason: z.string().trim().min(10).max(1000),
    /** Minutes the override lasts: 15 minutes to 3 hours. */
    minutes: z.number().int().min(15).max(180),
  })
  .strict();

export const ZOverrideRevokeInput = z.object({ id: ZId }).strict();
/** No filters: the staff a manager may grant an override to. */
export const ZOverrideGranteesInput = z.object({}).strict().optional();

// ---------------------------------------------------------------- referrals
/** CIN census codes: referral sources (1A..10), factors (e.g. 3A, 21). */
export const ZCensusCode = z.string().regex(/^[0-9]{1,2}[A-Z]?$/, "must be a CIN census code");

export const ZReferralListInput = ZPage.extend({ familyId: ZId.optional() }).strict();

export const ZReferralCreateInput = z
  .object({
    childId: ZId,
    familyId: ZId,
    date: ZDate,
    source: ZCensusCode,
    primaryNeed: z.string().regex(/^N[1-9]$/, "must be a primary need code N1..N9").optional(),
    reasons: z.array(ZCensusCode).max(30).default([]),
    domesticAbuse: z.boolean().default(false),
  })
  .strict();

export const ZReferralUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z
      .object({
        outcome: zLine(200).nullable().optional(),
        nfa: z.boolean().optional(),
        closedAt: ZDate.nullable().optional(),
        primaryNeed: z.string().regex(/^N[1-9]$/).nullable().optional(),
      })
      .strict(),
  })
  .strict();

// ---------------------------------------------------------------- episodes
export const ZEpisodeListInput = z.object({ childId: ZId }).strict();

export const ZEpisodeCreateInput = z
  .object({
    childId: ZId,
    status: z.enum(STATUSES),
    startDate: ZDate,
    endDate: ZDate.nullable().optional(),
    cpCategoryOfAbuse: z.enum(["NEG", "PHY", "SAB", "EMO", "MUL"]).optional(),
    claLegalStatus: z.string().regex(/^[A-Z][0-9A-Z]{1,2}$/, "must be an SSDA903 legal status").optional(),
  })
  .strict()
  .refine((e) => !e.endDate || notBefore(e.startDate, e.endDate), { message: "the end date must not be before the start date", path: ["endDate"] });

export const ZEpisodeCloseInput = z.object({ id: ZId, version: ZVersion, endDate: ZDate }).strict();

// ---------------------------------------------------------------- programmes
export const GROUP_TRACKS = ["victims", "perpetrators"] as const;
export const GROUP_LANGUAGES = ["English", "Arabic", "Urdu", "Polish"] as const;

export const ZProgrammeListInput = ZPage;
export const ZGroupListInput = ZPage.extend({ programmeId: ZId.optional() }).strict();

export const ZGroupCreateInput = z
  .object({
    programmeId: ZId,
    name: zLine(120),
    track: z.enum(GROUP_TRACKS),
    language: z.enum(GROUP_LANGUAGES),
    slot: z.enum(["day", "evening"]),
    childcare: z.boolean(),
    venue: zLine(120),
    startDate: ZDate,
    sessionsPlanned: z.number().int().min(1).max(52).default(10),
    completionThreshold: z.number().int().min(1).max(52).default(8),
    capacity: z.number().int().min(1).max(100).optional(),
    facilitatorStaffIds: z.array(ZId).min(1).max(4),
  })
  .strict()
  .refine((g) => g.completionThreshold <= g.sessionsPlanned, { message: "the completion threshold cannot exceed the sessions planned", path: ["completionThreshold"] });

/** A session's start as an ISO date-time (e.g. 2026-03-02T18:00:00Z). */
export const ZDateTime = z.string().max(40).datetime({ offset: true }).refine(inputDayInRange, { message: `must be between ${MIN_INPUT_DAY} and ${MAX_INPUT_DAY}` });

export const ZSessionCreateInput = z.object({ groupId: ZId, number: z.number().int().min(1).max(52), startsAt: ZDateTime, durationMinutes: z.number().int().min(15).max(480).default(120) }).strict();

/** Referral into a group; the safety checks for the group's track are required (see ./enrolments.ts). */
export const ZEnrolmentCreateInput = z.object({ groupId: ZId, personId: ZId, referredAt: ZDate.optional(), referralSource: zLine(120).optional(), safetyChecks: ZSafetyChecks.optional() }).strict();

export const ZEnrolmentUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z
      .object({
        status: z.enum(["referred", "started", "completed", "withdrawn"]).optional(),
        startedAt: ZDate.nullable().optional(),
        completedAt: ZDate.nullable().optional(),
        withdrawnAt: ZDate.nullable().optional(),
        withdrawalReason: zLine(200).nullable().optional(),
      })
      .strict(),
  })
  .strict();

export const ATTENDANCE = ["attended", "absent_notified", "absent"] as const;

export const ZRegisterGetInput = z.object({ sessionId: ZId }).strict();
export const ZRegisterMarkInput = z
  .object({
    sessionId: ZId,
    entries: z
      .array(z.object({ enrolmentId: ZId, status: z.enum(ATTENDANCE) }).strict())
      .min(1)
      .max(100),
  })
  .strict();

// ---------------------------------------------------------------- admin
const ZUserRole = z.enum(["admin", "manager", "practitioner", "dv_worker", "trainer", "analyst", "staff"]);
/** Accounts: every status by default; `status` narrows to invited, active or disabled. */
export const ZUserListInput = ZPage.extend({
  includeDisabled: z.boolean().default(true),
  status: z.enum(["invited", "active", "disabled"]).optional(),
  search: ZSearch.optional(),
  role: ZUserRole.optional(),
  teamId: ZId.optional(),
}).strict();
export const ZSetRoleInput = z.object({ userId: ZId, role: ZUserRole }).strict();
export const ZInviteUserInput = z
  .object({
    email: z.string().trim().toLowerCase().max(254).email("must be an email address"),
    name: zLine(200),
    role: ZUserRole,
    teamId: ZId.nullable().optional(),
    /** An existing staff record (e.g. a starter added in training) to link the account to. */
    staffId: ZId.optional(),
  })
  .strict();
export const ZUserIdInput = z.object({ userId: ZId }).strict();
export const ZSetTeamInput = z.object({ userId: ZId, teamId: ZId.nullable() }).strict();
/** A team's name: words (letters, digits, spaces and & ' ( ) , . -) with at least one letter. */
const ZTeamName = zLine(100)
  .refine((v) => /^[\p{L}\p{N} &'(),.-]+$/u.test(v), { message: "may use letters, numbers, spaces and & ' ( ) , . - only" })
  .refine((v) => /\p{L}/u.test(v), { message: "must contain a letter" });
export const ZTeamCreateInput = z.object({ name: ZTeamName, service: zLine(100).optional() }).strict();
export const ZTeamRenameInput = z.object({ teamId: ZId, name: ZTeamName }).strict();
export const ZOutboxListInput = ZPage.extend({ status: z.enum(["pending", "sent", "failed", "blocked"]).optional() }).strict();
export const ZAllocateInput = z.object({ familyId: ZId, staffId: ZId, lead: z.boolean().default(true) }).strict();
export const ZFamilyTeamInput = z.object({ familyId: ZId, teamId: ZId }).strict();
export const ZDisableUserInput = z.object({ userId: ZId, disabled: z.boolean() }).strict();
/** Clears an account's failed sign-ins at every address (admin.users.unlock). */
export const ZUnlockUserInput = z.object({ userId: ZId }).strict();
const auditFilters = {
  actorId: ZId.optional(),
  entityId: ZId.optional(),
  action: z.string().max(100).regex(/^[A-Za-z.]+$/).optional(),
  outcome: z.enum(["success", "denied", "failure"]).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
};
/** A date range in a filter is checked, never ignored (issue #17 finding 2): To is not before From. */
const toNotBeforeFrom = (f: { from?: string | undefined; to?: string | undefined }) => !f.from || !f.to || notBefore(f.from, f.to);
const TO_BEFORE_FROM = { message: "must be the same as or after the From date", path: ["to"] };
export const ZAuditListInput = ZPage.extend(auditFilters).strict().refine(toNotBeforeFrom, TO_BEFORE_FROM);
export const ZAuditExportInput = z.object(auditFilters).strict().refine(toNotBeforeFrom, TO_BEFORE_FROM);
/** The audit log's picker: records an administrator may see (accounts, staff, teams, logic models, courses), by name. */
export const ZAuditSubjectsInput = z.object({ search: z.string().trim().min(2, "enter at least 2 letters").max(100) }).strict();
