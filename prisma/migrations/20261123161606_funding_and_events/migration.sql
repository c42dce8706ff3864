-- CreateEnum
CREATE TYPE "FundingOrigin" AS ENUM ('sponsor_budget', 'fast', 'other');

-- CreateEnum
CREATE TYPE "EnvelopeStatus" AS ENUM ('requested', 'granted', 'cancelled');

-- CreateEnum
CREATE TYPE "BudgetNature" AS ENUM ('actual', 'forecast');

-- CreateTable
CREATE TABLE "ProductEvent" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "comment" TEXT,
    "sessionId" UUID,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLock" (
    "name" TEXT NOT NULL,
    "lockedBy" TEXT NOT NULL,
    "lockedUntil" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),

    CONSTRAINT "JobLock_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "FundingEnvelope" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "origin" "FundingOrigin" NOT NULL DEFAULT 'sponsor_budget',
    "status" "EnvelopeStatus" NOT NULL DEFAULT 'granted',
    "decisionId" UUID,
    "comment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundingEnvelope_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetStatement" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "nature" "BudgetNature" NOT NULL,
    "revision" INTEGER NOT NULL,
    "origin" TEXT NOT NULL DEFAULT 'form',
    "comment" TEXT,
    "enteredById" UUID,
    "enteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "BudgetStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" UUID NOT NULL,
    "statementId" UUID NOT NULL,
    "activity" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "committed" DECIMAL(14,2) NOT NULL,
    "paid" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "BudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProductEvent_productId_date_idx" ON "ProductEvent"("productId", "date");

-- CreateIndex
CREATE INDEX "ProductEvent_kind_date_idx" ON "ProductEvent"("kind", "date");

-- CreateIndex
CREATE INDEX "FundingEnvelope_productId_startDate_idx" ON "FundingEnvelope"("productId", "startDate");

-- CreateIndex
CREATE INDEX "FundingEnvelope_funderId_startDate_idx" ON "FundingEnvelope"("funderId", "startDate");

-- CreateIndex
CREATE INDEX "FundingEnvelope_decisionId_idx" ON "FundingEnvelope"("decisionId");

-- CreateIndex
CREATE INDEX "BudgetStatement_productId_year_idx" ON "BudgetStatement"("productId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetStatement_productId_year_nature_revision_key" ON "BudgetStatement"("productId", "year", "nature", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetLine_statementId_activity_resource_key" ON "BudgetLine"("statementId", "activity", "resource");

-- AddForeignKey
ALTER TABLE "ProductEvent" ADD CONSTRAINT "ProductEvent_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductEvent" ADD CONSTRAINT "ProductEvent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CommitteeSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductEvent" ADD CONSTRAINT "ProductEvent_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingEnvelope" ADD CONSTRAINT "FundingEnvelope_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingEnvelope" ADD CONSTRAINT "FundingEnvelope_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingEnvelope" ADD CONSTRAINT "FundingEnvelope_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingEnvelope" ADD CONSTRAINT "FundingEnvelope_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetStatement" ADD CONSTRAINT "BudgetStatement_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetStatement" ADD CONSTRAINT "BudgetStatement_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "BudgetStatement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Move the funding lines into envelopes (granted, requested) and budget statements (committed =
-- AE, paid = CP), then drop them. Cells outside the taxonomy become "other".
INSERT INTO "FundingEnvelope" ("id", "productId", "funderId", "amount", "startDate", "endDate", "origin", "status", "decisionId", "comment", "createdAt", "updatedAt")
SELECT "id", "productId", "funderId", "amountEuros", make_date("year", 1, 1), make_date("year", 12, 31),
       (CASE WHEN "comment" ILIKE '%fast%' THEN 'fast' ELSE 'sponsor_budget' END)::"FundingOrigin",
       ("kind"::text)::"EnvelopeStatus", "decisionId", "comment", "createdAt", "createdAt"
FROM "FundingLine" WHERE "kind" IN ('granted', 'requested');

INSERT INTO "BudgetStatement" ("id", "productId", "year", "nature", "revision", "origin")
SELECT gen_random_uuid(), "productId", "year",
       (CASE WHEN "year" < EXTRACT(YEAR FROM CURRENT_DATE) THEN 'actual' ELSE 'forecast' END)::"BudgetNature", 1, 'migration'
FROM "FundingLine" WHERE "kind" IN ('committed', 'paid') GROUP BY "productId", "year";

INSERT INTO "BudgetLine" ("id", "statementId", "activity", "resource", "committed", "paid")
SELECT gen_random_uuid(), s."id", cell."activity", cell."resource",
       SUM(CASE WHEN f."kind" = 'committed' THEN f."amountEuros" ELSE 0 END),
       SUM(CASE WHEN f."kind" = 'paid' THEN f."amountEuros" ELSE 0 END)
FROM "FundingLine" f
JOIN "BudgetStatement" s ON s."productId" = f."productId" AND s."year" = f."year"
CROSS JOIN LATERAL (SELECT
  CASE WHEN f."activity" IN ('data', 'hosting', 'ops', 'network', 'administration', 'security', 'deployment', 'support', 'development', 'management', 'design', 'other') THEN f."activity" ELSE 'other' END AS "activity",
  CASE WHEN f."resource" IN ('staff', 'external_services', 'hardware', 'software', 'overheads', 'other') THEN f."resource" ELSE 'other' END AS "resource") cell
WHERE f."kind" IN ('committed', 'paid')
GROUP BY s."id", cell."activity", cell."resource";

-- DropForeignKey
ALTER TABLE "FundingLine" DROP CONSTRAINT "FundingLine_decisionId_fkey";

-- DropForeignKey
ALTER TABLE "FundingLine" DROP CONSTRAINT "FundingLine_funderId_fkey";

-- DropForeignKey
ALTER TABLE "FundingLine" DROP CONSTRAINT "FundingLine_productId_fkey";

-- DropTable
DROP TABLE "FundingLine";

-- DropEnum
DROP TYPE "FundingKind";

-- Checks Prisma cannot express.
ALTER TABLE "FundingEnvelope" ADD CONSTRAINT "FundingEnvelope_amount_check" CHECK ("amount" >= 0);
ALTER TABLE "FundingEnvelope" ADD CONSTRAINT "FundingEnvelope_period_check" CHECK ("endDate" >= "startDate");
ALTER TABLE "BudgetStatement" ADD CONSTRAINT "BudgetStatement_year_check" CHECK ("year" BETWEEN 2000 AND 2100);
ALTER TABLE "BudgetStatement" ADD CONSTRAINT "BudgetStatement_revision_check" CHECK ("revision" >= 1);
CREATE UNIQUE INDEX "BudgetStatement_current_key" ON "BudgetStatement"("productId", "year", "nature") WHERE "supersededAt" IS NULL;
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_amounts_check" CHECK ("committed" >= 0 AND "paid" >= 0);
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_activity_check" CHECK ("activity" IN ('data', 'hosting', 'ops', 'network', 'administration', 'security', 'deployment', 'support', 'development', 'management', 'design', 'other'));
ALTER TABLE "BudgetLine" ADD CONSTRAINT "BudgetLine_resource_check" CHECK ("resource" IN ('staff', 'external_services', 'hardware', 'software', 'overheads', 'other'));
ALTER TABLE "ProductEvent" ADD CONSTRAINT "ProductEvent_kind_check" CHECK ("kind" IN ('product_launch', 'national_impact', 'committee', 'fast', 'end', 'other'));
