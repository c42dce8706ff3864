-- CreateEnum
CREATE TYPE "OrganisationType" AS ENUM ('ministere', 'administration_centrale', 'operateur', 'service_deconcentre', 'collectivite', 'autre');

-- CreateEnum
CREATE TYPE "AccessibilityStatus" AS ENUM ('non_conforme', 'partiellement_conforme', 'totalement_conforme', 'inconnu');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('platform_admin', 'incubator_admin', 'coach', 'team_member', 'committee_member', 'investor');

-- CreateEnum
CREATE TYPE "ImpactLevel" AS ENUM ('usable', 'used', 'useful', 'impactful', 'efficient');

-- CreateEnum
CREATE TYPE "IndicatorKind" AS ENUM ('impact', 'means');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('higher_is_better', 'lower_is_better');

-- CreateEnum
CREATE TYPE "Frequency" AS ENUM ('weekly', 'monthly', 'quarterly');

-- CreateEnum
CREATE TYPE "IndicatorSource" AS ENUM ('team', 'stats_page', 'matomo', 'api', 'other');

-- CreateEnum
CREATE TYPE "ValueStatus" AS ENUM ('declared', 'validated');

-- CreateEnum
CREATE TYPE "FundingKind" AS ENUM ('granted', 'committed', 'paid', 'requested');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('planned', 'held', 'cancelled');

-- CreateEnum
CREATE TYPE "CommitteeSeat" AS ENUM ('sponsor', 'incubator_head', 'portfolio_manager', 'intrapreneur', 'guest');

-- CreateEnum
CREATE TYPE "DossierStatus" AS ENUM ('draft', 'submitted');

-- CreateEnum
CREATE TYPE "Outcome" AS ENUM ('continue', 'extend', 'next_phase', 'pivot', 'stop');

-- CreateEnum
CREATE TYPE "ConditionStatus" AS ENUM ('open', 'met', 'not_met');

-- CreateTable
CREATE TABLE "Ministry" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,

    CONSTRAINT "Ministry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" TEXT,
    "type" "OrganisationType" NOT NULL DEFAULT 'autre',
    "ministerialDomain" TEXT,
    "ministryId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incubator" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "website" TEXT,
    "ministryId" UUID,
    "ownerOrganisationId" UUID,
    "reviewIntervalMonths" INTEGER NOT NULL DEFAULT 6,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Incubator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pitch" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "websiteUrl" TEXT,
    "repositoryUrl" TEXT,
    "statsUrl" TEXT,
    "budgetUrl" TEXT,
    "accessibilityStatus" "AccessibilityStatus" NOT NULL DEFAULT 'inconnu',
    "securityApproach" TEXT,
    "openSource" BOOLEAN NOT NULL DEFAULT false,
    "usesDsfr" BOOLEAN NOT NULL DEFAULT false,
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    "primaryIncubatorId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductIncubator" (
    "productId" UUID NOT NULL,
    "incubatorId" UUID NOT NULL,

    CONSTRAINT "ProductIncubator_pkey" PRIMARY KEY ("productId","incubatorId")
);

-- CreateTable
CREATE TABLE "ProductSponsor" (
    "productId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "since" DATE,

    CONSTRAINT "ProductSponsor_pkey" PRIMARY KEY ("productId","organisationId")
);

-- CreateTable
CREATE TABLE "PhaseEntry" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "phase" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "PhaseEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "incubatorId" UUID,
    "productId" UUID,
    "organisationId" UUID,
    "committeeSessionId" UUID,
    "isIntrapreneur" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT,
    "startDate" DATE,
    "endDate" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "matrixCode" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "level" "ImpactLevel" NOT NULL,
    "kind" "IndicatorKind" NOT NULL DEFAULT 'impact',
    "unit" TEXT NOT NULL DEFAULT '',
    "direction" "Direction" NOT NULL DEFAULT 'higher_is_better',
    "frequency" "Frequency" NOT NULL DEFAULT 'monthly',
    "source" "IndicatorSource" NOT NULL DEFAULT 'team',
    "baselineValue" DOUBLE PRECISION,
    "baselineDate" DATE,
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorTarget" (
    "id" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "dueDate" DATE NOT NULL,

    CONSTRAINT "IndicatorTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorValue" (
    "id" UUID NOT NULL,
    "indicatorId" UUID NOT NULL,
    "periodStart" DATE NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "status" "ValueStatus" NOT NULL DEFAULT 'declared',
    "enteredById" UUID,
    "validatedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IndicatorValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorValueRevision" (
    "id" UUID NOT NULL,
    "valueId" UUID NOT NULL,
    "oldValue" DOUBLE PRECISION NOT NULL,
    "newValue" DOUBLE PRECISION NOT NULL,
    "reason" TEXT,
    "changedById" UUID,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorValueRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingLine" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "funderId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" "FundingKind" NOT NULL,
    "amountEuros" DECIMAL(14,2) NOT NULL,
    "activity" TEXT,
    "resource" TEXT,
    "comment" TEXT,
    "decisionId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundingLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitteeSession" (
    "id" UUID NOT NULL,
    "incubatorId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "location" TEXT,
    "videoUrl" TEXT,
    "status" "SessionStatus" NOT NULL DEFAULT 'planned',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommitteeSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitteeMember" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "userId" UUID,
    "name" TEXT NOT NULL,
    "seat" "CommitteeSeat" NOT NULL,
    "attended" BOOLEAN,

    CONSTRAINT "CommitteeMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "presentationMinutes" INTEGER NOT NULL DEFAULT 15,
    "questionsMinutes" INTEGER NOT NULL DEFAULT 15,
    "deliberationMinutes" INTEGER NOT NULL DEFAULT 20,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dossier" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "DossierStatus" NOT NULL DEFAULT 'draft',
    "sections" JSONB NOT NULL DEFAULT '{}',
    "snapshot" JSONB,
    "submittedAt" TIMESTAMP(3),
    "submittedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dossier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "voterId" UUID NOT NULL,
    "choice" "Outcome" NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "sessionId" UUID,
    "outcome" "Outcome" NOT NULL,
    "targetPhase" TEXT,
    "decidedOn" DATE NOT NULL,
    "budgetEuros" DECIMAL(14,2),
    "nextReviewDate" DATE,
    "rationale" TEXT NOT NULL DEFAULT '',
    "publicRationale" TEXT,
    "publishedAt" TIMESTAMP(3),
    "recordedById" UUID,
    "correctsId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionCondition" (
    "id" UUID NOT NULL,
    "decisionId" UUID NOT NULL,
    "description" TEXT NOT NULL,
    "ownerName" TEXT,
    "dueDate" DATE,
    "status" "ConditionStatus" NOT NULL DEFAULT 'open',
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "DecisionCondition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "reason" TEXT,
    "data" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppMeta" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppMeta_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Ministry_slug_key" ON "Ministry"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE INDEX "Organisation_ministryId_idx" ON "Organisation"("ministryId");

-- CreateIndex
CREATE UNIQUE INDEX "Incubator_slug_key" ON "Incubator"("slug");

-- CreateIndex
CREATE INDEX "Incubator_ministryId_idx" ON "Incubator"("ministryId");

-- CreateIndex
CREATE UNIQUE INDEX "Product_slug_key" ON "Product"("slug");

-- CreateIndex
CREATE INDEX "Product_primaryIncubatorId_idx" ON "Product"("primaryIncubatorId");

-- CreateIndex
CREATE INDEX "Product_updatedAt_idx" ON "Product"("updatedAt");

-- CreateIndex
CREATE INDEX "ProductIncubator_incubatorId_idx" ON "ProductIncubator"("incubatorId");

-- CreateIndex
CREATE INDEX "ProductSponsor_organisationId_idx" ON "ProductSponsor"("organisationId");

-- CreateIndex
CREATE INDEX "PhaseEntry_productId_startDate_idx" ON "PhaseEntry"("productId", "startDate");

-- CreateIndex
CREATE INDEX "PhaseEntry_phase_idx" ON "PhaseEntry"("phase");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "RoleAssignment_userId_idx" ON "RoleAssignment"("userId");

-- CreateIndex
CREATE INDEX "RoleAssignment_productId_idx" ON "RoleAssignment"("productId");

-- CreateIndex
CREATE INDEX "RoleAssignment_incubatorId_idx" ON "RoleAssignment"("incubatorId");

-- CreateIndex
CREATE INDEX "RoleAssignment_organisationId_idx" ON "RoleAssignment"("organisationId");

-- CreateIndex
CREATE INDEX "Indicator_productId_idx" ON "Indicator"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_productId_name_key" ON "Indicator"("productId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorTarget_indicatorId_dueDate_key" ON "IndicatorTarget"("indicatorId", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorValue_indicatorId_periodStart_key" ON "IndicatorValue"("indicatorId", "periodStart");

-- CreateIndex
CREATE INDEX "IndicatorValueRevision_valueId_idx" ON "IndicatorValueRevision"("valueId");

-- CreateIndex
CREATE INDEX "FundingLine_productId_year_idx" ON "FundingLine"("productId", "year");

-- CreateIndex
CREATE INDEX "FundingLine_funderId_year_idx" ON "FundingLine"("funderId", "year");

-- CreateIndex
CREATE INDEX "CommitteeSession_incubatorId_startsAt_idx" ON "CommitteeSession"("incubatorId", "startsAt");

-- CreateIndex
CREATE INDEX "CommitteeMember_sessionId_idx" ON "CommitteeMember"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_sessionId_productId_key" ON "AgendaItem"("sessionId", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_sessionId_position_key" ON "AgendaItem"("sessionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Dossier_productId_sessionId_version_key" ON "Dossier"("productId", "sessionId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_sessionId_productId_voterId_key" ON "Vote"("sessionId", "productId", "voterId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_correctsId_key" ON "Decision"("correctsId");

-- CreateIndex
CREATE INDEX "Decision_productId_decidedOn_idx" ON "Decision"("productId", "decidedOn");

-- CreateIndex
CREATE INDEX "Decision_sessionId_idx" ON "Decision"("sessionId");

-- CreateIndex
CREATE INDEX "DecisionCondition_decisionId_idx" ON "DecisionCondition"("decisionId");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_ministryId_fkey" FOREIGN KEY ("ministryId") REFERENCES "Ministry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incubator" ADD CONSTRAINT "Incubator_ministryId_fkey" FOREIGN KEY ("ministryId") REFERENCES "Ministry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incubator" ADD CONSTRAINT "Incubator_ownerOrganisationId_fkey" FOREIGN KEY ("ownerOrganisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_primaryIncubatorId_fkey" FOREIGN KEY ("primaryIncubatorId") REFERENCES "Incubator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductIncubator" ADD CONSTRAINT "ProductIncubator_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductIncubator" ADD CONSTRAINT "ProductIncubator_incubatorId_fkey" FOREIGN KEY ("incubatorId") REFERENCES "Incubator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductSponsor" ADD CONSTRAINT "ProductSponsor_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductSponsor" ADD CONSTRAINT "ProductSponsor_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhaseEntry" ADD CONSTRAINT "PhaseEntry_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhaseEntry" ADD CONSTRAINT "PhaseEntry_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_incubatorId_fkey" FOREIGN KEY ("incubatorId") REFERENCES "Incubator"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_committeeSessionId_fkey" FOREIGN KEY ("committeeSessionId") REFERENCES "CommitteeSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorTarget" ADD CONSTRAINT "IndicatorTarget_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_validatedById_fkey" FOREIGN KEY ("validatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValueRevision" ADD CONSTRAINT "IndicatorValueRevision_valueId_fkey" FOREIGN KEY ("valueId") REFERENCES "IndicatorValue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValueRevision" ADD CONSTRAINT "IndicatorValueRevision_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_funderId_fkey" FOREIGN KEY ("funderId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeSession" ADD CONSTRAINT "CommitteeSession_incubatorId_fkey" FOREIGN KEY ("incubatorId") REFERENCES "Incubator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeMember" ADD CONSTRAINT "CommitteeMember_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CommitteeSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeMember" ADD CONSTRAINT "CommitteeMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CommitteeSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CommitteeSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CommitteeSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_voterId_fkey" FOREIGN KEY ("voterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "CommitteeSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_correctsId_fkey" FOREIGN KEY ("correctsId") REFERENCES "Decision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionCondition" ADD CONSTRAINT "DecisionCondition_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Constraints Prisma's schema language cannot express (Prisma Migrate leaves CHECKs alone).
-- Phase codes are the network's own ids (app/domain/phases.ts).
ALTER TABLE "PhaseEntry" ADD CONSTRAINT "PhaseEntry_phase_check" CHECK ("phase" IN ('investigation', 'construction', 'acceleration', 'consolidation', 'opere', 'transfere', 'abandon', 'abandon-investigation'));
ALTER TABLE "PhaseEntry" ADD CONSTRAINT "PhaseEntry_dates_check" CHECK ("endDate" IS NULL OR "endDate" >= "startDate");
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_targetPhase_check" CHECK ("targetPhase" IS NULL OR "targetPhase" IN ('investigation', 'construction', 'acceleration', 'consolidation', 'opere', 'transfere', 'abandon', 'abandon-investigation'));
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_nextReview_check" CHECK ("nextReviewDate" IS NULL OR "nextReviewDate" > "decidedOn");
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_budget_check" CHECK ("budgetEuros" IS NULL OR "budgetEuros" >= 0);
ALTER TABLE "Product" ADD CONSTRAINT "Product_slug_check" CHECK ("slug" ~ '^[a-z0-9][a-z0-9._-]*$');
ALTER TABLE "Incubator" ADD CONSTRAINT "Incubator_slug_check" CHECK ("slug" ~ '^[a-zA-Z0-9][a-zA-Z0-9._-]*$');
ALTER TABLE "Incubator" ADD CONSTRAINT "Incubator_reviewInterval_check" CHECK ("reviewIntervalMonths" BETWEEN 1 AND 24);
ALTER TABLE "User" ADD CONSTRAINT "User_email_check" CHECK ("email" = lower("email") AND "email" LIKE '%_@_%');
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_amount_check" CHECK ("amountEuros" >= 0);
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_year_check" CHECK ("year" BETWEEN 2000 AND 2100);
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_minutes_check" CHECK ("presentationMinutes" >= 0 AND "questionsMinutes" >= 0 AND "deliberationMinutes" >= 0 AND "position" >= 0);
ALTER TABLE "Dossier" ADD CONSTRAINT "Dossier_frozen_check" CHECK ("status" = 'draft' OR ("snapshot" IS NOT NULL AND "submittedAt" IS NOT NULL));
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_dates_check" CHECK ("endDate" IS NULL OR "startDate" IS NULL OR "endDate" >= "startDate");
-- Each role carries exactly the scope it needs.
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_scope_check" CHECK (
  CASE "role"
    WHEN 'platform_admin' THEN "incubatorId" IS NULL AND "productId" IS NULL AND "organisationId" IS NULL AND "committeeSessionId" IS NULL
    WHEN 'incubator_admin' THEN "incubatorId" IS NOT NULL AND "productId" IS NULL AND "organisationId" IS NULL AND "committeeSessionId" IS NULL
    WHEN 'coach' THEN "incubatorId" IS NOT NULL AND "productId" IS NULL AND "organisationId" IS NULL AND "committeeSessionId" IS NULL
    WHEN 'team_member' THEN "productId" IS NOT NULL AND "incubatorId" IS NULL AND "organisationId" IS NULL AND "committeeSessionId" IS NULL
    WHEN 'committee_member' THEN ("incubatorId" IS NOT NULL) <> ("committeeSessionId" IS NOT NULL) AND "productId" IS NULL AND "organisationId" IS NULL
    WHEN 'investor' THEN "organisationId" IS NOT NULL AND "incubatorId" IS NULL AND "productId" IS NULL AND "committeeSessionId" IS NULL
  END
);
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_intrapreneur_check" CHECK (NOT "isIntrapreneur" OR "role" = 'team_member');
