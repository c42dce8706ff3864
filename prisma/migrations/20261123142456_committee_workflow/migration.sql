-- AlterTable
ALTER TABLE "CommitteeSession" ADD COLUMN     "chairId" UUID,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "convocationSentAt" TIMESTAMP(3),
ADD COLUMN     "deliberationOpenedAt" TIMESTAMP(3),
ADD COLUMN     "dossierDeadline" TIMESTAMP(3),
ADD COLUMN     "minutesPublishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "budgetFrom" DATE,
ADD COLUMN     "budgetFunderId" UUID,
ADD COLUMN     "budgetTo" DATE;

-- AlterTable
ALTER TABLE "Vote" ADD COLUMN     "conflictOfInterest" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "targetPhase" TEXT,
ADD COLUMN     "withConditions" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "choice" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "CommitteeSession" ADD CONSTRAINT "CommitteeSession_chairId_fkey" FOREIGN KEY ("chairId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_budgetFunderId_fkey" FOREIGN KEY ("budgetFunderId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Vote" ADD CONSTRAINT "Vote_choice_check" CHECK (("choice" IS NULL) = "conflictOfInterest");
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_targetPhase_check" CHECK ("targetPhase" IS NULL OR "targetPhase" IN ('investigation', 'construction', 'acceleration', 'consolidation', 'opere', 'transfere', 'abandon', 'abandon-investigation'));
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_budgetPeriod_check" CHECK ("budgetFrom" IS NULL OR "budgetTo" IS NULL OR "budgetTo" >= "budgetFrom");
ALTER TABLE "CommitteeSession" ADD CONSTRAINT "CommitteeSession_deadline_check" CHECK ("dossierDeadline" IS NULL OR "dossierDeadline" <= "startsAt");
