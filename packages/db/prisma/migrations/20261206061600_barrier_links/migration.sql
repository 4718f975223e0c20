-- AlterTable
ALTER TABLE "marac_referral" ADD COLUMN     "perpetratorPersonId" TEXT;

-- AlterTable
ALTER TABLE "person_link" ADD COLUMN     "basis" TEXT,
ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "endReason" TEXT,
ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "endedById" TEXT;

-- CreateIndex
CREATE INDEX "marac_referral_perpetratorPersonId_idx" ON "marac_referral"("perpetratorPersonId");

-- AddForeignKey
ALTER TABLE "marac_referral" ADD CONSTRAINT "marac_referral_perpetratorPersonId_fkey" FOREIGN KEY ("perpetratorPersonId") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

