-- CreateEnum
CREATE TYPE "DaConsultationTopic" AS ENUM ('risk_assessment', 'safety_planning', 'referral_pathway', 'working_with_perpetrator', 'impact_on_children', 'case_direction', 'other');

-- CreateEnum
CREATE TYPE "DaConsultationOutcome" AS ENUM ('advice_given', 'dash_to_complete', 'refer_to_marac', 'refer_to_ifp', 'refer_to_idva', 'individual_da_work', 'further_consultation', 'no_further_action');

-- CreateEnum
CREATE TYPE "MaracCriterion" AS ENUM ('visible_high_risk', 'professional_judgement', 'potential_escalation');

-- CreateEnum
CREATE TYPE "MaracOutcome" AS ENUM ('heard_actions_agreed', 'heard_no_actions', 'not_heard_below_threshold', 'withdrawn');

-- DropIndex
DROP INDEX "family_teamId_idx";

-- AlterTable
ALTER TABLE "training_completion" ADD COLUMN     "moduleVersion" INTEGER;

-- CreateTable
CREATE TABLE "onboarding_module_revision" (
    "id" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "estimatedMinutes" INTEGER NOT NULL,
    "quiz" JSONB,
    "requiresAcknowledgement" BOOLEAN NOT NULL,
    "acknowledgementText" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "onboarding_module_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "da_consultation" (
    "id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "coordinatorStaffId" TEXT,
    "consultedStaffId" TEXT NOT NULL,
    "familyId" TEXT,
    "topics" "DaConsultationTopic"[],
    "outcomes" "DaConsultationOutcome"[],
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "da_consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marac_referral" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "familyId" TEXT,
    "referredOn" DATE NOT NULL,
    "referringAgency" TEXT NOT NULL,
    "referringStaffId" TEXT,
    "dashScore" INTEGER,
    "criteria" "MaracCriterion"[],
    "conferenceDate" DATE,
    "outcome" "MaracOutcome",
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "marac_referral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "onboarding_module_revision_moduleId_version_key" ON "onboarding_module_revision"("moduleId", "version");

-- CreateIndex
CREATE INDEX "da_consultation_date_idx" ON "da_consultation"("date");

-- CreateIndex
CREATE INDEX "da_consultation_familyId_idx" ON "da_consultation"("familyId");

-- CreateIndex
CREATE INDEX "marac_referral_personId_referredOn_idx" ON "marac_referral"("personId", "referredOn");

-- CreateIndex
CREATE INDEX "marac_referral_referredOn_idx" ON "marac_referral"("referredOn");

-- CreateIndex
CREATE INDEX "marac_referral_familyId_idx" ON "marac_referral"("familyId");

-- CreateIndex
CREATE INDEX "family_teamId_id_idx" ON "family"("teamId", "id");

-- AddForeignKey
ALTER TABLE "onboarding_module_revision" ADD CONSTRAINT "onboarding_module_revision_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "onboarding_module"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "da_consultation" ADD CONSTRAINT "da_consultation_coordinatorStaffId_fkey" FOREIGN KEY ("coordinatorStaffId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "da_consultation" ADD CONSTRAINT "da_consultation_consultedStaffId_fkey" FOREIGN KEY ("consultedStaffId") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "da_consultation" ADD CONSTRAINT "da_consultation_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "family"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_referringStaffId_fkey" FOREIGN KEY ("referringStaffId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

