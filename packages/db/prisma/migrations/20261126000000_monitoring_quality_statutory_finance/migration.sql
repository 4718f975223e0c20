-- CreateEnum
CREATE TYPE "CourseDeliveryMode" AS ENUM ('classroom', 'e_learning', 'blended');

-- AlterTable
ALTER TABLE "assessment" ADD COLUMN     "sourceRef" TEXT,
ADD COLUMN     "statutoryImportId" TEXT;

-- AlterTable
ALTER TABLE "course" ADD COLUMN     "deliveryMode" "CourseDeliveryMode" NOT NULL DEFAULT 'classroom',
ADD COLUMN     "languages" TEXT[] DEFAULT ARRAY['English']::TEXT[],
ADD COLUMN     "prerequisiteIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "indicator" ADD COLUMN     "params" JSONB;

-- AlterTable
ALTER TABLE "logic_model" ADD COLUMN     "workstream" TEXT;

-- AlterTable
ALTER TABLE "logic_model_version" ADD COLUMN     "change" TEXT;

-- AlterTable
ALTER TABLE "logic_node" ADD COLUMN     "heading" TEXT,
ADD COLUMN     "indicatorCodes" TEXT[],
ADD COLUMN     "key" TEXT;

-- AlterTable
ALTER TABLE "milestone" ADD COLUMN     "reviewDate" DATE;

-- AlterTable
ALTER TABLE "person" ADD COLUMN     "sexCode" TEXT,
ADD COLUMN     "sexLegacyCode" TEXT,
ADD COLUMN     "statutoryChildId" TEXT,
ADD COLUMN     "statutoryImportId" TEXT,
ADD COLUMN     "upn" TEXT;

-- AlterTable
ALTER TABLE "questionnaire_response" ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "referral" ADD COLUMN     "closureReason" TEXT,
ADD COLUMN     "sourceRef" TEXT,
ADD COLUMN     "statutoryImportId" TEXT;

-- AlterTable
ALTER TABLE "status_episode" ADD COLUMN     "claCategoryOfNeed" TEXT,
ADD COLUMN     "claPlacement" TEXT,
ADD COLUMN     "claReasonEnded" TEXT,
ADD COLUMN     "claReasonNew" TEXT,
ADD COLUMN     "cpLatestCategory" TEXT,
ADD COLUMN     "statutoryImportId" TEXT;

-- AlterTable
ALTER TABLE "target" ADD COLUMN     "label" TEXT,
ADD COLUMN     "valueKind" TEXT NOT NULL DEFAULT 'absolute';

-- AlterTable
ALTER TABLE "training_session" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "training_reminder_sent" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "runId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_reminder_sent_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "training_reminder_run" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "asOf" DATE NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "due" INTEGER NOT NULL DEFAULT 0,
    "notifications" INTEGER NOT NULL DEFAULT 0,
    "emails" INTEGER NOT NULL DEFAULT 0,
    "noContact" INTEGER NOT NULL DEFAULT 0,
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,

    CONSTRAINT "training_reminder_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questionnaire_translation" (
    "id" TEXT NOT NULL,
    "instrumentId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "instrumentVersion" TEXT NOT NULL,
    "strings" JSONB NOT NULL,
    "reviewStatus" TEXT NOT NULL DEFAULT 'machine_assisted_draft',
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "questionnaire_translation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programme_budget_line" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "fromYear" INTEGER NOT NULL,
    "toYear" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "fte" DOUBLE PRECISION,
    "budgetPence" BIGINT,
    "actualPence" BIGINT,
    "source" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "programme_budget_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statutory_import" (
    "id" TEXT NOT NULL,
    "files" JSONB NOT NULL,
    "counts" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "statutory_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation_extract" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "cohortIds" TEXT[],
    "childIds" TEXT[],
    "counts" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluation_extract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_template" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "questions" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "audit_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_round" (
    "id" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sampleMethod" TEXT NOT NULL,
    "sampleSeed" INTEGER,
    "sampleSpec" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "audit_round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_case" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "moderatedAnswers" JSONB,
    "moderationNote" TEXT,
    "moderatedById" TEXT,
    "moderatedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "audit_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_assignment" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "summary" TEXT NOT NULL DEFAULT '',
    "actions" TEXT[],
    "submittedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "audit_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "questions" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_wave" (
    "id" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "opensOn" DATE NOT NULL,
    "closesOn" DATE NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "survey_wave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_invitation" (
    "id" TEXT NOT NULL,
    "waveId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "teamId" TEXT,
    "invitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reminders" INTEGER NOT NULL DEFAULT 0,
    "lastRemindedAt" TIMESTAMP(3),
    "respondedOn" DATE,

    CONSTRAINT "survey_invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_response" (
    "id" TEXT NOT NULL,
    "waveId" TEXT NOT NULL,
    "teamId" TEXT,
    "answers" JSONB NOT NULL,

    CONSTRAINT "survey_response_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "training_reminder_sent_staffId_idx" ON "training_reminder_sent"("staffId");

-- CreateIndex
CREATE INDEX "training_reminder_run_startedAt_idx" ON "training_reminder_run"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "questionnaire_translation_instrumentId_language_key" ON "questionnaire_translation"("instrumentId", "language");

-- CreateIndex
CREATE INDEX "programme_budget_line_programmeId_fromYear_idx" ON "programme_budget_line"("programmeId", "fromYear");

-- CreateIndex
CREATE INDEX "statutory_import_createdAt_idx" ON "statutory_import"("createdAt");

-- CreateIndex
CREATE INDEX "evaluation_extract_createdAt_idx" ON "evaluation_extract"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "audit_template_code_key" ON "audit_template"("code");

-- CreateIndex
CREATE INDEX "audit_round_templateId_idx" ON "audit_round"("templateId");

-- CreateIndex
CREATE INDEX "audit_case_familyId_idx" ON "audit_case"("familyId");

-- CreateIndex
CREATE UNIQUE INDEX "audit_case_roundId_familyId_key" ON "audit_case"("roundId", "familyId");

-- CreateIndex
CREATE INDEX "audit_assignment_userId_idx" ON "audit_assignment"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "audit_assignment_caseId_role_key" ON "audit_assignment"("caseId", "role");

-- CreateIndex
CREATE INDEX "survey_wave_surveyId_idx" ON "survey_wave"("surveyId");

-- CreateIndex
CREATE INDEX "survey_invitation_staffId_idx" ON "survey_invitation"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "survey_invitation_waveId_staffId_key" ON "survey_invitation"("waveId", "staffId");

-- CreateIndex
CREATE INDEX "survey_response_waveId_idx" ON "survey_response"("waveId");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_sourceRef_key" ON "assessment"("sourceRef");

-- CreateIndex
CREATE UNIQUE INDEX "logic_node_versionId_key_key" ON "logic_node"("versionId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "person_statutoryChildId_key" ON "person"("statutoryChildId");

-- CreateIndex
CREATE UNIQUE INDEX "referral_sourceRef_key" ON "referral"("sourceRef");

-- CreateIndex
CREATE UNIQUE INDEX "status_episode_sourceRef_key" ON "status_episode"("sourceRef");

-- AddForeignKey
ALTER TABLE "questionnaire_translation" ADD CONSTRAINT "questionnaire_translation_instrumentId_fkey" FOREIGN KEY ("instrumentId") REFERENCES "questionnaire_instrument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_budget_line" ADD CONSTRAINT "programme_budget_line_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_round" ADD CONSTRAINT "audit_round_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "audit_template"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_case" ADD CONSTRAINT "audit_case_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "audit_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_case" ADD CONSTRAINT "audit_case_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_assignment" ADD CONSTRAINT "audit_assignment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "audit_case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_assignment" ADD CONSTRAINT "audit_assignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_wave" ADD CONSTRAINT "survey_wave_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_invitation" ADD CONSTRAINT "survey_invitation_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "survey_wave"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_invitation" ADD CONSTRAINT "survey_invitation_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "survey_wave"("id") ON DELETE CASCADE ON UPDATE CASCADE;

