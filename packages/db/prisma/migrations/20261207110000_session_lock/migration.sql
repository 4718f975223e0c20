-- CreateTable
CREATE TABLE "session_lock" (
    "sessionId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "instrumentId" TEXT NOT NULL,
    "lockedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "session_lock_pkey" PRIMARY KEY ("sessionId")
);

-- AddForeignKey
ALTER TABLE "session_lock" ADD CONSTRAINT "session_lock_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

