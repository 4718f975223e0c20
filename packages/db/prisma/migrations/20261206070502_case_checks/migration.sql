-- AlterTable
ALTER TABLE "hub_visit" ADD COLUMN     "outsidePlanReason" TEXT;

-- AlterTable
ALTER TABLE "taf_meeting" ADD COLUMN     "outsidePlanReason" TEXT;

