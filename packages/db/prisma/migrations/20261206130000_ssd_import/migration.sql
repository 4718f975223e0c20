-- AlterEnum
ALTER TYPE "EpisodeSource" ADD VALUE 'ssd';

-- AlterTable
ALTER TABLE "case_allocation" ADD COLUMN     "ssdKey" TEXT;

-- AlterTable
ALTER TABLE "family" ADD COLUMN     "ssdKey" TEXT;

-- AlterTable
ALTER TABLE "family_member" ADD COLUMN     "ssdKey" TEXT;

-- AlterTable
ALTER TABLE "person" ADD COLUMN     "ssdPersonId" TEXT;

-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "ssdProfessionalId" TEXT;

-- CreateTable
CREATE TABLE "ssd_event" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ssdKey" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "details" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ssd_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ssd_import" (
    "id" TEXT NOT NULL,
    "files" JSONB NOT NULL,
    "digest" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ssd_import_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ssd_event_ssdKey_key" ON "ssd_event"("ssdKey");

-- CreateIndex
CREATE INDEX "ssd_event_personId_startDate_idx" ON "ssd_event"("personId", "startDate");

-- CreateIndex
CREATE INDEX "ssd_event_kind_startDate_idx" ON "ssd_event"("kind", "startDate");

-- CreateIndex
CREATE INDEX "ssd_import_createdAt_idx" ON "ssd_import"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "case_allocation_ssdKey_key" ON "case_allocation"("ssdKey");

-- CreateIndex
CREATE UNIQUE INDEX "family_ssdKey_key" ON "family"("ssdKey");

-- CreateIndex
CREATE UNIQUE INDEX "family_member_ssdKey_key" ON "family_member"("ssdKey");

-- CreateIndex
CREATE UNIQUE INDEX "person_ssdPersonId_key" ON "person"("ssdPersonId");

-- CreateIndex
CREATE UNIQUE INDEX "staff_ssdProfessionalId_key" ON "staff"("ssdProfessionalId");

-- AddForeignKey
ALTER TABLE "ssd_event" ADD CONSTRAINT "ssd_event_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

