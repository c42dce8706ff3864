-- CreateIndex
CREATE INDEX "AgendaItem_productId_idx" ON "AgendaItem"("productId");
