-- The portfolio list derives, for every product in scope, its current phase, its latest standing
-- decision and its indicators' last update (docs/decisions/007-portfolio-queries.md): with these
-- indexes each lookup is read from the index alone, without visiting the table.

-- CreateIndex
CREATE INDEX "Decision_latest_idx" ON "Decision"("productId", "decidedOn" DESC, "createdAt" DESC, "id", "outcome", "nextReviewDate", "publishedAt");

-- CreateIndex
CREATE INDEX "Indicator_latest_value_idx" ON "Indicator"("productId", "archivedAt", "isPublic", "latestValueSavedAt");

-- CreateIndex
CREATE INDEX "PhaseEntry_current_idx" ON "PhaseEntry"("productId", "startDate" DESC, "phase");
