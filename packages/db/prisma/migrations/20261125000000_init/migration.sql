-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('admin', 'manager', 'practitioner', 'dv_worker', 'trainer', 'analyst', 'staff');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('social_worker', 'family_support_worker', 'domestic_abuse_worker', 'hub_worker', 'team_manager', 'senior_manager', 'analyst', 'trainer', 'business_support');

-- CreateEnum
CREATE TYPE "PersonKind" AS ENUM ('child', 'adult');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('female', 'male', 'other', 'unknown');

-- CreateEnum
CREATE TYPE "FamilyRole" AS ENUM ('child', 'parent_carer', 'victim', 'perpetrator', 'other');

-- CreateEnum
CREATE TYPE "PersonLinkKind" AS ENUM ('victim_perpetrator', 'parent_child', 'sibling', 'other');

-- CreateEnum
CREATE TYPE "ContactChannel" AS ENUM ('phone', 'sms', 'email', 'letter', 'in_person', 'none');

-- CreateEnum
CREATE TYPE "ContactConfidentiality" AS ENUM ('normal', 'protected', 'closed');

-- CreateEnum
CREATE TYPE "ChildStatus" AS ENUM ('CIN', 'CP', 'CLA');

-- CreateEnum
CREATE TYPE "EpisodeSource" AS ENUM ('manual', 'ssda903', 'cin_census');

-- CreateEnum
CREATE TYPE "AssessmentLevel" AS ENUM ('EARLY_HELP', 'CIN');

-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('given', 'refused', 'withdrawn');

-- CreateEnum
CREATE TYPE "ProgrammeKind" AS ENUM ('group', 'one_to_one', 'recovery_toolkit', 'hub');

-- CreateEnum
CREATE TYPE "GroupTrack" AS ENUM ('victims', 'perpetrators');

-- CreateEnum
CREATE TYPE "GroupSlot" AS ENUM ('day', 'evening');

-- CreateEnum
CREATE TYPE "GroupStatus" AS ENUM ('planned', 'running', 'finished', 'cancelled');

-- CreateEnum
CREATE TYPE "EnrolmentStatus" AS ENUM ('referred', 'started', 'completed', 'withdrawn');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('attended', 'absent_notified', 'absent');

-- CreateEnum
CREATE TYPE "HubCaseStatus" AS ENUM ('open', 'closed', 'stepped_down', 'escalated');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('initial', 'mid_point', 'closure');

-- CreateEnum
CREATE TYPE "FollowUpKind" AS ENUM ('contact', 'onward_referral');

-- CreateEnum
CREATE TYPE "TimePoint" AS ENUM ('entry', 'interim', 'exit', 'follow_up');

-- CreateEnum
CREATE TYPE "CohortKind" AS ENUM ('intervention', 'comparison');

-- CreateEnum
CREATE TYPE "LogicColumn" AS ENUM ('inputs', 'activities', 'outputs', 'impacts', 'outcomes');

-- CreateEnum
CREATE TYPE "LogicModelStatus" AS ENUM ('draft', 'published', 'superseded');

-- CreateEnum
CREATE TYPE "IndicatorDirection" AS ENUM ('increase', 'decrease', 'maintain');

-- CreateEnum
CREATE TYPE "MilestoneStatus" AS ENUM ('planned', 'in_progress', 'done', 'late', 'dropped');

-- CreateEnum
CREATE TYPE "DecisionStatus" AS ENUM ('proposed', 'decided', 'reviewed', 'reversed');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('assigned', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('pending', 'sent', 'failed', 'blocked');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('success', 'denied', 'failure');

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "role" "UserRole" NOT NULL DEFAULT 'staff',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "teamId" TEXT,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "staffId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "banned" BOOLEAN DEFAULT false,
    "banReason" TEXT,
    "banExpires" TIMESTAMP(3),

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,
    "impersonatedBy" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastRequest" BIGINT NOT NULL,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "service" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "role" "StaffRole" NOT NULL,
    "jobTitle" TEXT NOT NULL,
    "teamId" TEXT,
    "startDate" DATE NOT NULL,
    "leaveDate" DATE,
    "languages" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "family" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "teamId" TEXT,
    "openedAt" DATE,
    "closedAt" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "family_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" "PersonKind" NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "birthDate" DATE,
    "gender" "Gender" NOT NULL DEFAULT 'unknown',
    "ethnicity" TEXT,
    "firstLanguage" TEXT,
    "interpreterNeeded" BOOLEAN NOT NULL DEFAULT false,
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "family_member" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" "FamilyRole" NOT NULL,
    "fromDate" DATE,
    "toDate" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "family_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_link" (
    "id" TEXT NOT NULL,
    "fromPersonId" TEXT NOT NULL,
    "toPersonId" TEXT NOT NULL,
    "kind" "PersonLinkKind" NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "person_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact_details" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "addressLine1" TEXT,
    "addressLine2" TEXT,
    "town" TEXT,
    "postcode" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "safeToCall" BOOLEAN,
    "safeTimes" TEXT,
    "preferredChannel" "ContactChannel",
    "unsafePeople" TEXT[],
    "notes" TEXT,
    "confidentiality" "ContactConfidentiality" NOT NULL DEFAULT 'normal',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "contact_details_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_allocation" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "personId" TEXT,
    "staffId" TEXT NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "case_allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "familyId" TEXT,
    "date" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "primaryNeed" TEXT,
    "reasons" TEXT[],
    "domesticAbuse" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT,
    "nfa" BOOLEAN NOT NULL DEFAULT false,
    "closedAt" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_episode" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "status" "ChildStatus" NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "cpCategoryOfAbuse" TEXT,
    "claLegalStatus" TEXT,
    "source" "EpisodeSource" NOT NULL DEFAULT 'manual',
    "sourceRef" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "status_episode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "familyId" TEXT,
    "staffId" TEXT,
    "level" "AssessmentLevel" NOT NULL,
    "allocatedAt" DATE,
    "startedAt" DATE NOT NULL,
    "completedAt" DATE,
    "factors" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_to_share" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "recipientAgency" TEXT NOT NULL,
    "status" "ConsentStatus" NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "withdrawnAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "recordedById" TEXT,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "consent_to_share_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safeguarding_override" (
    "id" TEXT NOT NULL,
    "subjectPersonId" TEXT NOT NULL,
    "grantedToUserId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "authorisedById" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "safeguarding_override_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "break_glass_access" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "reviewedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "reviewOutcome" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "break_glass_access_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programme" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ProgrammeKind" NOT NULL,
    "workstream" TEXT,
    "description" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programme_group" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "track" "GroupTrack" NOT NULL,
    "language" TEXT NOT NULL,
    "slot" "GroupSlot" NOT NULL,
    "childcare" BOOLEAN NOT NULL DEFAULT false,
    "venue" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "sessionsPlanned" INTEGER NOT NULL DEFAULT 10,
    "completionThreshold" INTEGER NOT NULL DEFAULT 8,
    "capacity" INTEGER,
    "status" "GroupStatus" NOT NULL DEFAULT 'planned',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "programme_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_facilitator" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "lead" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "group_facilitator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_session" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 120,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "group_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrolment" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "groupId" TEXT,
    "familyId" TEXT,
    "status" "EnrolmentStatus" NOT NULL DEFAULT 'referred',
    "referredAt" DATE NOT NULL,
    "referralSource" TEXT,
    "startedAt" DATE,
    "completedAt" DATE,
    "withdrawnAt" DATE,
    "withdrawalReason" TEXT,
    "safetyChecks" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hub_case" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "programmeId" TEXT,
    "leadWorkerId" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "plannedEndDate" DATE NOT NULL,
    "endDate" DATE,
    "status" "HubCaseStatus" NOT NULL DEFAULT 'open',
    "closureReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hub_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hub_visit" (
    "id" TEXT NOT NULL,
    "hubCaseId" TEXT NOT NULL,
    "staffId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'home',
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "hub_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "taf_meeting" (
    "id" TEXT NOT NULL,
    "hubCaseId" TEXT NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "held" BOOLEAN NOT NULL DEFAULT true,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "taf_meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_agency" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "agency" TEXT NOT NULL,
    "attendee" TEXT,
    "attended" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "meeting_agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting_action" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerStaffId" TEXT,
    "ownerAgency" TEXT,
    "dueDate" DATE,
    "doneAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "meeting_action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agency_involvement" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "hubCaseId" TEXT,
    "agency" TEXT NOT NULL,
    "role" TEXT,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "agency_involvement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "step_down_plan" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "hubCaseId" TEXT,
    "enrolmentId" TEXT,
    "agreedAt" DATE NOT NULL,
    "toService" TEXT NOT NULL,
    "reviewDate" DATE,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "step_down_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_up" (
    "id" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "personId" TEXT,
    "hubCaseId" TEXT,
    "enrolmentId" TEXT,
    "staffId" TEXT,
    "kind" "FollowUpKind" NOT NULL,
    "dueDate" DATE NOT NULL,
    "doneDate" DATE,
    "service" TEXT,
    "outcome" TEXT,
    "takenUp" BOOLEAN,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "follow_up_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questionnaire_instrument" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "instrumentVersion" TEXT NOT NULL DEFAULT '1',
    "items" JSONB NOT NULL,
    "scoring" JSONB NOT NULL,
    "validated" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "questionnaire_instrument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questionnaire_response" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "instrumentId" TEXT NOT NULL,
    "enrolmentId" TEXT,
    "hubCaseId" TEXT,
    "timePoint" "TimePoint" NOT NULL,
    "completedAt" TIMESTAMP(3) NOT NULL,
    "answers" JSONB NOT NULL,
    "score" DOUBLE PRECISION,
    "subscores" JSONB,
    "recordedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "questionnaire_response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cohort" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "programmeId" TEXT,
    "kind" "CohortKind" NOT NULL,
    "comparisonForId" TEXT,
    "rule" JSONB,
    "seed" INTEGER,
    "windowBeforeMonths" INTEGER NOT NULL DEFAULT 6,
    "windowAfterMonths" INTEGER NOT NULL DEFAULT 6,
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cohort_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cohort_member" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "familyId" TEXT,
    "interventionStart" DATE NOT NULL,
    "interventionEnd" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cohort_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tariff_set" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "priceYear" TEXT NOT NULL,
    "rates" JSONB NOT NULL,
    "builtIn" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tariff_set_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programme_cost" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "amountPence" BIGINT NOT NULL,
    "periodStart" DATE,
    "periodEnd" DATE,
    "source" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "programme_cost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "analysis_run" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT,
    "cohortId" TEXT,
    "comparisonCohortId" TEXT,
    "tariffSetId" TEXT,
    "inputs" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "seed" INTEGER,
    "engineVersion" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analysis_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logic_model" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "logic_model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logic_model_version" (
    "id" TEXT NOT NULL,
    "logicModelId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "LogicModelStatus" NOT NULL DEFAULT 'draft',
    "publishedAt" TIMESTAMP(3),
    "notes" TEXT,
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "logic_model_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logic_node" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "column" "LogicColumn" NOT NULL,
    "group" TEXT,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "logic_node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logic_link" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "fromNodeId" TEXT NOT NULL,
    "toNodeId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "logic_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" "IndicatorDirection" NOT NULL DEFAULT 'increase',
    "frequency" TEXT NOT NULL DEFAULT 'monthly',
    "measureKey" TEXT,
    "nodeId" TEXT,
    "programmeId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target" (
    "id" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "baseline" DOUBLE PRECISION,
    "comparator" TEXT NOT NULL DEFAULT 'gte',
    "fromDate" DATE,
    "dueDate" DATE,
    "source" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "measurement" (
    "id" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "numerator" DOUBLE PRECISION,
    "denominator" DOUBLE PRECISION,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "measurement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "milestone" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT,
    "logicModelId" TEXT,
    "title" TEXT NOT NULL,
    "ownerStaffId" TEXT,
    "dueDate" DATE NOT NULL,
    "doneDate" DATE,
    "status" "MilestoneStatus" NOT NULL DEFAULT 'planned',
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT,
    "title" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "evidence" TEXT,
    "decidedById" TEXT,
    "decidedBy" TEXT,
    "decidedAt" DATE NOT NULL,
    "reviewDate" DATE,
    "status" "DecisionStatus" NOT NULL DEFAULT 'decided',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision_link" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "durationHours" DOUBLE PRECISION,
    "validityMonths" INTEGER,
    "requiredFor" "StaffRole"[],
    "qualifiesFacilitator" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "onboarding_module" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "courseId" TEXT,
    "estimatedMinutes" INTEGER NOT NULL DEFAULT 30,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "onboarding_module_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "onboarding_plan" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "onboarding_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "onboarding_plan_item" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "moduleId" TEXT,
    "courseId" TEXT,
    "dueWithinDays" INTEGER NOT NULL DEFAULT 30,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "onboarding_plan_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_onboarding_plan" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "startedAt" DATE NOT NULL,
    "completedAt" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "staff_onboarding_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_session" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "venue" TEXT,
    "trainerId" TEXT,
    "capacity" INTEGER,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "training_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_attendance" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "attended" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "training_attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_assignment" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "courseId" TEXT,
    "moduleId" TEXT,
    "planId" TEXT,
    "assignedAt" TIMESTAMP(3) NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'assigned',
    "assignedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "training_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_completion" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "courseId" TEXT,
    "moduleId" TEXT,
    "sessionId" TEXT,
    "completedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "evidence" TEXT,
    "recordedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "training_completion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "link" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_outbox" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "bodyText" TEXT NOT NULL,
    "template" TEXT,
    "status" "EmailStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sendAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "email_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT,
    "entityIds" TEXT[],
    "personIds" TEXT[],
    "fields" TEXT[],
    "reason" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "requestId" TEXT,
    "ip" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seed_run" (
    "id" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seed_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "user_staffId_key" ON "user"("staffId");

-- CreateIndex
CREATE INDEX "user_teamId_idx" ON "user"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_userId_idx" ON "session"("userId");

-- CreateIndex
CREATE INDEX "account_userId_idx" ON "account"("userId");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "rate_limit_key_key" ON "rate_limit"("key");

-- CreateIndex
CREATE UNIQUE INDEX "team_name_key" ON "team"("name");

-- CreateIndex
CREATE UNIQUE INDEX "staff_email_key" ON "staff"("email");

-- CreateIndex
CREATE INDEX "staff_teamId_idx" ON "staff"("teamId");

-- CreateIndex
CREATE INDEX "staff_startDate_leaveDate_idx" ON "staff"("startDate", "leaveDate");

-- CreateIndex
CREATE UNIQUE INDEX "family_reference_key" ON "family"("reference");

-- CreateIndex
CREATE INDEX "family_teamId_idx" ON "family"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "person_reference_key" ON "person"("reference");

-- CreateIndex
CREATE INDEX "person_lastName_firstName_idx" ON "person"("lastName", "firstName");

-- CreateIndex
CREATE INDEX "family_member_personId_idx" ON "family_member"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "family_member_familyId_personId_role_key" ON "family_member"("familyId", "personId", "role");

-- CreateIndex
CREATE INDEX "person_link_toPersonId_idx" ON "person_link"("toPersonId");

-- CreateIndex
CREATE UNIQUE INDEX "person_link_fromPersonId_toPersonId_kind_key" ON "person_link"("fromPersonId", "toPersonId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "contact_details_personId_key" ON "contact_details"("personId");

-- CreateIndex
CREATE INDEX "case_allocation_staffId_toDate_idx" ON "case_allocation"("staffId", "toDate");

-- CreateIndex
CREATE INDEX "case_allocation_familyId_idx" ON "case_allocation"("familyId");

-- CreateIndex
CREATE INDEX "case_allocation_personId_idx" ON "case_allocation"("personId");

-- CreateIndex
CREATE INDEX "referral_childId_date_idx" ON "referral"("childId", "date");

-- CreateIndex
CREATE INDEX "referral_familyId_idx" ON "referral"("familyId");

-- CreateIndex
CREATE INDEX "referral_date_idx" ON "referral"("date");

-- CreateIndex
CREATE INDEX "status_episode_childId_startDate_idx" ON "status_episode"("childId", "startDate");

-- CreateIndex
CREATE INDEX "status_episode_status_startDate_idx" ON "status_episode"("status", "startDate");

-- CreateIndex
CREATE INDEX "assessment_childId_idx" ON "assessment"("childId");

-- CreateIndex
CREATE INDEX "assessment_familyId_idx" ON "assessment"("familyId");

-- CreateIndex
CREATE INDEX "assessment_startedAt_idx" ON "assessment"("startedAt");

-- CreateIndex
CREATE INDEX "consent_to_share_personId_purpose_recipientAgency_idx" ON "consent_to_share"("personId", "purpose", "recipientAgency");

-- CreateIndex
CREATE INDEX "safeguarding_override_subjectPersonId_grantedToUserId_expir_idx" ON "safeguarding_override"("subjectPersonId", "grantedToUserId", "expiresAt");

-- CreateIndex
CREATE INDEX "break_glass_access_userId_personId_expiresAt_idx" ON "break_glass_access"("userId", "personId", "expiresAt");

-- CreateIndex
CREATE INDEX "break_glass_access_reviewedAt_idx" ON "break_glass_access"("reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "programme_code_key" ON "programme"("code");

-- CreateIndex
CREATE INDEX "programme_group_programmeId_startDate_idx" ON "programme_group"("programmeId", "startDate");

-- CreateIndex
CREATE INDEX "group_facilitator_staffId_idx" ON "group_facilitator"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "group_facilitator_groupId_staffId_key" ON "group_facilitator"("groupId", "staffId");

-- CreateIndex
CREATE UNIQUE INDEX "group_session_groupId_number_key" ON "group_session"("groupId", "number");

-- CreateIndex
CREATE INDEX "enrolment_personId_idx" ON "enrolment"("personId");

-- CreateIndex
CREATE INDEX "enrolment_programmeId_status_idx" ON "enrolment"("programmeId", "status");

-- CreateIndex
CREATE INDEX "enrolment_groupId_idx" ON "enrolment"("groupId");

-- CreateIndex
CREATE INDEX "attendance_enrolmentId_idx" ON "attendance"("enrolmentId");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_sessionId_enrolmentId_key" ON "attendance"("sessionId", "enrolmentId");

-- CreateIndex
CREATE INDEX "hub_case_familyId_idx" ON "hub_case"("familyId");

-- CreateIndex
CREATE INDEX "hub_case_leadWorkerId_status_idx" ON "hub_case"("leadWorkerId", "status");

-- CreateIndex
CREATE INDEX "hub_visit_hubCaseId_at_idx" ON "hub_visit"("hubCaseId", "at");

-- CreateIndex
CREATE INDEX "taf_meeting_hubCaseId_idx" ON "taf_meeting"("hubCaseId");

-- CreateIndex
CREATE UNIQUE INDEX "meeting_agency_meetingId_agency_key" ON "meeting_agency"("meetingId", "agency");

-- CreateIndex
CREATE INDEX "meeting_action_meetingId_idx" ON "meeting_action"("meetingId");

-- CreateIndex
CREATE INDEX "meeting_action_ownerStaffId_doneAt_idx" ON "meeting_action"("ownerStaffId", "doneAt");

-- CreateIndex
CREATE INDEX "agency_involvement_familyId_idx" ON "agency_involvement"("familyId");

-- CreateIndex
CREATE INDEX "agency_involvement_hubCaseId_idx" ON "agency_involvement"("hubCaseId");

-- CreateIndex
CREATE INDEX "step_down_plan_familyId_idx" ON "step_down_plan"("familyId");

-- CreateIndex
CREATE INDEX "follow_up_familyId_idx" ON "follow_up"("familyId");

-- CreateIndex
CREATE INDEX "follow_up_staffId_doneDate_dueDate_idx" ON "follow_up"("staffId", "doneDate", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "questionnaire_instrument_code_key" ON "questionnaire_instrument"("code");

-- CreateIndex
CREATE INDEX "questionnaire_response_personId_instrumentId_timePoint_idx" ON "questionnaire_response"("personId", "instrumentId", "timePoint");

-- CreateIndex
CREATE INDEX "questionnaire_response_enrolmentId_idx" ON "questionnaire_response"("enrolmentId");

-- CreateIndex
CREATE UNIQUE INDEX "cohort_name_key" ON "cohort"("name");

-- CreateIndex
CREATE INDEX "cohort_member_childId_idx" ON "cohort_member"("childId");

-- CreateIndex
CREATE UNIQUE INDEX "cohort_member_cohortId_childId_key" ON "cohort_member"("cohortId", "childId");

-- CreateIndex
CREATE UNIQUE INDEX "tariff_set_name_priceYear_key" ON "tariff_set"("name", "priceYear");

-- CreateIndex
CREATE INDEX "programme_cost_programmeId_idx" ON "programme_cost"("programmeId");

-- CreateIndex
CREATE INDEX "analysis_run_createdAt_idx" ON "analysis_run"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "logic_model_name_key" ON "logic_model"("name");

-- CreateIndex
CREATE UNIQUE INDEX "logic_model_version_logicModelId_number_key" ON "logic_model_version"("logicModelId", "number");

-- CreateIndex
CREATE INDEX "logic_node_versionId_column_idx" ON "logic_node"("versionId", "column");

-- CreateIndex
CREATE UNIQUE INDEX "logic_link_fromNodeId_toNodeId_key" ON "logic_link"("fromNodeId", "toNodeId");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_code_key" ON "indicator"("code");

-- CreateIndex
CREATE INDEX "target_indicatorId_idx" ON "target"("indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "measurement_indicatorId_periodStart_periodEnd_source_key" ON "measurement"("indicatorId", "periodStart", "periodEnd", "source");

-- CreateIndex
CREATE INDEX "milestone_programmeId_dueDate_idx" ON "milestone"("programmeId", "dueDate");

-- CreateIndex
CREATE INDEX "decision_programmeId_decidedAt_idx" ON "decision"("programmeId", "decidedAt");

-- CreateIndex
CREATE INDEX "decision_link_entityType_entityId_idx" ON "decision_link"("entityType", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "decision_link_decisionId_entityType_entityId_key" ON "decision_link"("decisionId", "entityType", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "course_code_key" ON "course"("code");

-- CreateIndex
CREATE UNIQUE INDEX "course_title_key" ON "course"("title");

-- CreateIndex
CREATE UNIQUE INDEX "onboarding_module_code_key" ON "onboarding_module"("code");

-- CreateIndex
CREATE UNIQUE INDEX "onboarding_plan_name_key" ON "onboarding_plan"("name");

-- CreateIndex
CREATE INDEX "onboarding_plan_role_idx" ON "onboarding_plan"("role");

-- CreateIndex
CREATE INDEX "onboarding_plan_item_planId_idx" ON "onboarding_plan_item"("planId");

-- CreateIndex
CREATE UNIQUE INDEX "staff_onboarding_plan_staffId_planId_key" ON "staff_onboarding_plan"("staffId", "planId");

-- CreateIndex
CREATE INDEX "training_session_courseId_startsAt_idx" ON "training_session"("courseId", "startsAt");

-- CreateIndex
CREATE INDEX "training_attendance_staffId_idx" ON "training_attendance"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "training_attendance_sessionId_staffId_key" ON "training_attendance"("sessionId", "staffId");

-- CreateIndex
CREATE INDEX "training_assignment_staffId_status_idx" ON "training_assignment"("staffId", "status");

-- CreateIndex
CREATE INDEX "training_completion_staffId_idx" ON "training_completion"("staffId");

-- CreateIndex
CREATE INDEX "training_completion_courseId_completedAt_idx" ON "training_completion"("courseId", "completedAt");

-- CreateIndex
CREATE INDEX "notification_userId_readAt_idx" ON "notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "email_outbox_status_sendAfter_idx" ON "email_outbox"("status", "sendAfter");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_actorId_at_idx" ON "audit_log"("actorId", "at");

-- CreateIndex
CREATE INDEX "audit_log_entityType_at_idx" ON "audit_log"("entityType", "at");

-- CreateIndex
CREATE INDEX "audit_log_entityIds_idx" ON "audit_log" USING GIN ("entityIds");

-- CreateIndex
CREATE INDEX "audit_log_personIds_idx" ON "audit_log" USING GIN ("personIds");

-- AddForeignKey
ALTER TABLE "user" ADD CONSTRAINT "user_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user" ADD CONSTRAINT "user_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff" ADD CONSTRAINT "staff_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "family" ADD CONSTRAINT "family_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "family_member" ADD CONSTRAINT "family_member_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "family_member" ADD CONSTRAINT "family_member_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_link" ADD CONSTRAINT "person_link_fromPersonId_fkey" FOREIGN KEY ("fromPersonId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_link" ADD CONSTRAINT "person_link_toPersonId_fkey" FOREIGN KEY ("toPersonId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_details" ADD CONSTRAINT "contact_details_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_allocation" ADD CONSTRAINT "case_allocation_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_allocation" ADD CONSTRAINT "case_allocation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_allocation" ADD CONSTRAINT "case_allocation_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral" ADD CONSTRAINT "referral_childId_fkey" FOREIGN KEY ("childId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral" ADD CONSTRAINT "referral_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_episode" ADD CONSTRAINT "status_episode_childId_fkey" FOREIGN KEY ("childId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_childId_fkey" FOREIGN KEY ("childId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_to_share" ADD CONSTRAINT "consent_to_share_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "safeguarding_override" ADD CONSTRAINT "safeguarding_override_subjectPersonId_fkey" FOREIGN KEY ("subjectPersonId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "safeguarding_override" ADD CONSTRAINT "safeguarding_override_grantedToUserId_fkey" FOREIGN KEY ("grantedToUserId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "safeguarding_override" ADD CONSTRAINT "safeguarding_override_authorisedById_fkey" FOREIGN KEY ("authorisedById") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "safeguarding_override" ADD CONSTRAINT "safeguarding_override_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "break_glass_access" ADD CONSTRAINT "break_glass_access_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "break_glass_access" ADD CONSTRAINT "break_glass_access_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "break_glass_access" ADD CONSTRAINT "break_glass_access_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_group" ADD CONSTRAINT "programme_group_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_facilitator" ADD CONSTRAINT "group_facilitator_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "programme_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_facilitator" ADD CONSTRAINT "group_facilitator_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_session" ADD CONSTRAINT "group_session_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "programme_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "programme_group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolment" ADD CONSTRAINT "enrolment_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "group_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hub_case" ADD CONSTRAINT "hub_case_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hub_case" ADD CONSTRAINT "hub_case_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hub_case" ADD CONSTRAINT "hub_case_leadWorkerId_fkey" FOREIGN KEY ("leadWorkerId") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hub_visit" ADD CONSTRAINT "hub_visit_hubCaseId_fkey" FOREIGN KEY ("hubCaseId") REFERENCES "hub_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hub_visit" ADD CONSTRAINT "hub_visit_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "taf_meeting" ADD CONSTRAINT "taf_meeting_hubCaseId_fkey" FOREIGN KEY ("hubCaseId") REFERENCES "hub_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_agency" ADD CONSTRAINT "meeting_agency_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "taf_meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_action" ADD CONSTRAINT "meeting_action_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "taf_meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meeting_action" ADD CONSTRAINT "meeting_action_ownerStaffId_fkey" FOREIGN KEY ("ownerStaffId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency_involvement" ADD CONSTRAINT "agency_involvement_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency_involvement" ADD CONSTRAINT "agency_involvement_hubCaseId_fkey" FOREIGN KEY ("hubCaseId") REFERENCES "hub_case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "step_down_plan" ADD CONSTRAINT "step_down_plan_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "step_down_plan" ADD CONSTRAINT "step_down_plan_hubCaseId_fkey" FOREIGN KEY ("hubCaseId") REFERENCES "hub_case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "step_down_plan" ADD CONSTRAINT "step_down_plan_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "enrolment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_hubCaseId_fkey" FOREIGN KEY ("hubCaseId") REFERENCES "hub_case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "enrolment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questionnaire_response" ADD CONSTRAINT "questionnaire_response_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questionnaire_response" ADD CONSTRAINT "questionnaire_response_instrumentId_fkey" FOREIGN KEY ("instrumentId") REFERENCES "questionnaire_instrument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questionnaire_response" ADD CONSTRAINT "questionnaire_response_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "enrolment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questionnaire_response" ADD CONSTRAINT "questionnaire_response_hubCaseId_fkey" FOREIGN KEY ("hubCaseId") REFERENCES "hub_case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort" ADD CONSTRAINT "cohort_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort" ADD CONSTRAINT "cohort_comparisonForId_fkey" FOREIGN KEY ("comparisonForId") REFERENCES "cohort"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort_member" ADD CONSTRAINT "cohort_member_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort_member" ADD CONSTRAINT "cohort_member_childId_fkey" FOREIGN KEY ("childId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort_member" ADD CONSTRAINT "cohort_member_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_cost" ADD CONSTRAINT "programme_cost_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analysis_run" ADD CONSTRAINT "analysis_run_tariffSetId_fkey" FOREIGN KEY ("tariffSetId") REFERENCES "tariff_set"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "analysis_run" ADD CONSTRAINT "analysis_run_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logic_model" ADD CONSTRAINT "logic_model_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logic_model_version" ADD CONSTRAINT "logic_model_version_logicModelId_fkey" FOREIGN KEY ("logicModelId") REFERENCES "logic_model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logic_node" ADD CONSTRAINT "logic_node_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "logic_model_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logic_link" ADD CONSTRAINT "logic_link_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "logic_model_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logic_link" ADD CONSTRAINT "logic_link_fromNodeId_fkey" FOREIGN KEY ("fromNodeId") REFERENCES "logic_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logic_link" ADD CONSTRAINT "logic_link_toNodeId_fkey" FOREIGN KEY ("toNodeId") REFERENCES "logic_node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "logic_node"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target" ADD CONSTRAINT "target_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "measurement" ADD CONSTRAINT "measurement_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_logicModelId_fkey" FOREIGN KEY ("logicModelId") REFERENCES "logic_model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_ownerStaffId_fkey" FOREIGN KEY ("ownerStaffId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision" ADD CONSTRAINT "decision_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision" ADD CONSTRAINT "decision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_link" ADD CONSTRAINT "decision_link_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "decision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "onboarding_module" ADD CONSTRAINT "onboarding_module_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "course"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "onboarding_plan_item" ADD CONSTRAINT "onboarding_plan_item_planId_fkey" FOREIGN KEY ("planId") REFERENCES "onboarding_plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "onboarding_plan_item" ADD CONSTRAINT "onboarding_plan_item_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "onboarding_module"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "onboarding_plan_item" ADD CONSTRAINT "onboarding_plan_item_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_onboarding_plan" ADD CONSTRAINT "staff_onboarding_plan_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_onboarding_plan" ADD CONSTRAINT "staff_onboarding_plan_planId_fkey" FOREIGN KEY ("planId") REFERENCES "onboarding_plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_trainerId_fkey" FOREIGN KEY ("trainerId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "training_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_assignment" ADD CONSTRAINT "training_assignment_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_assignment" ADD CONSTRAINT "training_assignment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_assignment" ADD CONSTRAINT "training_assignment_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "onboarding_module"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_assignment" ADD CONSTRAINT "training_assignment_planId_fkey" FOREIGN KEY ("planId") REFERENCES "onboarding_plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_completion" ADD CONSTRAINT "training_completion_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_completion" ADD CONSTRAINT "training_completion_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_completion" ADD CONSTRAINT "training_completion_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "onboarding_module"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_completion" ADD CONSTRAINT "training_completion_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "training_session"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ───────────────────────────── hand-written ─────────────────────────────
-- Immutable tables. The application connection may INSERT into "audit_log" but never
-- change or remove a row (security requirement AU-2); saved analysis runs are never
-- changed. Triggers (not GRANTs) so that the rule holds identically on PGlite and PostgreSQL.

CREATE FUNCTION "evident_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on "%" is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = '42501';
END;
$$;

CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "evident_refuse_change"();
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "evident_refuse_change"();
CREATE TRIGGER "analysis_run_immutable" BEFORE UPDATE ON "analysis_run"
  FOR EACH ROW EXECUTE FUNCTION "evident_refuse_change"();
