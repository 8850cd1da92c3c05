-- CreateEnum
CREATE TYPE "BillingUnit" AS ENUM ('TOKEN', 'TRAINING_HOUR');

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "priceSet" TEXT NOT NULL DEFAULT 'openai';

-- CreateTable
CREATE TABLE "CatalogModel" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "aliases" TEXT[],
    "encoding" TEXT NOT NULL,
    "trainingContextLimit" INTEGER,
    "billingUnit" "BillingUnit" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceEntry" (
    "id" UUID NOT NULL,
    "modelId" TEXT NOT NULL,
    "teamId" UUID,
    "priceSet" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "trainingPerMTokUsd" DECIMAL(18,8),
    "inputPerMTokUsd" DECIMAL(18,8),
    "cachedInputPerMTokUsd" DECIMAL(18,8),
    "outputPerMTokUsd" DECIMAL(18,8),
    "baseInputPerMTokUsd" DECIMAL(18,8),
    "baseCachedInputPerMTokUsd" DECIMAL(18,8),
    "baseOutputPerMTokUsd" DECIMAL(18,8),
    "trainingPerHourUsd" DECIMAL(18,8),
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PriceEntry_teamId_priceSet_idx" ON "PriceEntry"("teamId", "priceSet");

-- CreateIndex
CREATE UNIQUE INDEX "PriceEntry_modelId_teamId_priceSet_effectiveFrom_key" ON "PriceEntry"("modelId", "teamId", "priceSet", "effectiveFrom");

-- AddForeignKey
ALTER TABLE "PriceEntry" ADD CONSTRAINT "PriceEntry_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "CatalogModel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceEntry" ADD CONSTRAINT "PriceEntry_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
