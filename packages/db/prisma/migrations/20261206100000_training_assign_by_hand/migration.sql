-- CreateEnum
CREATE TYPE "AssignmentSource" AS ENUM ('plan', 'role_change', 'manual');

-- AlterTable
ALTER TABLE "training_assignment" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "cancelledById" TEXT,
ADD COLUMN     "closedByCompletionId" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "source" "AssignmentSource" NOT NULL DEFAULT 'plan';

-- AlterTable
ALTER TABLE "training_completion" ADD COLUMN     "correctedAt" TIMESTAMP(3),
ADD COLUMN     "correctionReason" TEXT,
ADD COLUMN     "provider" TEXT,
ADD COLUMN     "withdrawReason" TEXT,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnById" TEXT;


-- Existing assignments: those without a plan were made on a change of role.
UPDATE "training_assignment" SET "source" = 'role_change' WHERE "planId" IS NULL;
