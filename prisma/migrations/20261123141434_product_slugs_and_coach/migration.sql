-- AlterTable
ALTER TABLE "RoleAssignment" ADD COLUMN     "isCoach" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ProductSlugAlias" (
    "slug" TEXT NOT NULL,
    "productId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductSlugAlias_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE INDEX "ProductSlugAlias_productId_idx" ON "ProductSlugAlias"("productId");

-- AddForeignKey
ALTER TABLE "ProductSlugAlias" ADD CONSTRAINT "ProductSlugAlias_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_coach_check" CHECK (NOT "isCoach" OR "role" = 'team_member');
ALTER TABLE "ProductSlugAlias" ADD CONSTRAINT "ProductSlugAlias_slug_check" CHECK ("slug" ~ '^[a-z0-9][a-z0-9._-]*$');
