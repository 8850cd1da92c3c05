-- CreateEnum
CREATE TYPE "TrainingMethod" AS ENUM ('SFT', 'DPO', 'RFT');

-- CreateEnum
CREATE TYPE "FineTuneType" AS ENUM ('LORA', 'FULL');

-- CreateEnum
CREATE TYPE "HostingSchedule" AS ENUM ('NONE', 'ALWAYS_ON', 'BUSINESS_HOURS');

-- AlterTable
ALTER TABLE "CatalogModel" ADD COLUMN     "announcedOn" DATE,
ADD COLUMN     "displayName" TEXT,
ADD COLUMN     "docsUrl" TEXT,
ADD COLUMN     "lifecycleSourceUrl" TEXT,
ADD COLUMN     "maxEpochs" INTEGER,
ADD COLUMN     "minExamples" INTEGER,
ADD COLUMN     "replacement" TEXT,
ADD COLUMN     "shutdownOn" DATE,
ADD COLUMN     "teamId" UUID,
ADD COLUMN     "tokenizerExact" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "trainingEndsOn" DATE;

-- AlterTable
ALTER TABLE "FineTunedModel" ADD COLUMN     "evaluations" INTEGER,
ADD COLUMN     "fineTuneType" "FineTuneType" NOT NULL DEFAULT 'LORA',
ADD COLUMN     "hostingSchedule" "HostingSchedule" NOT NULL DEFAULT 'NONE',
ADD COLUMN     "trainingHours" DECIMAL(12,4),
ADD COLUMN     "trainingMethod" "TrainingMethod" NOT NULL DEFAULT 'SFT',
ADD COLUMN     "validationTokens" BIGINT;

-- AlterTable
ALTER TABLE "PriceEntry" ADD COLUMN     "batchInputPerMTokUsd" DECIMAL(18,8),
ADD COLUMN     "batchOutputPerMTokUsd" DECIMAL(18,8),
ADD COLUMN     "checkedOn" DATE,
ADD COLUMN     "hostingPerHourUsd" DECIMAL(18,8),
ADD COLUMN     "minTrainingChargeUsd" DECIMAL(18,8),
ADD COLUMN     "sourceUrl" TEXT,
ADD COLUMN     "storagePerMonthUsd" DECIMAL(18,8),
ADD COLUMN     "trainingDpoFullPerMTokUsd" DECIMAL(18,8),
ADD COLUMN     "trainingDpoPerMTokUsd" DECIMAL(18,8),
ADD COLUMN     "trainingFullPerMTokUsd" DECIMAL(18,8),
ADD COLUMN     "validationBilled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "verified" BOOLEAN;

-- AlterTable
ALTER TABLE "UsageRecord" ADD COLUMN     "batchInputTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "batchOutputTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "fixedCostUsd" DECIMAL(24,10) NOT NULL DEFAULT 0,
ADD COLUMN     "hostingHours" DECIMAL(12,4);

-- CreateIndex
CREATE INDEX "CatalogModel_teamId_idx" ON "CatalogModel"("teamId");

-- AddForeignKey
ALTER TABLE "CatalogModel" ADD CONSTRAINT "CatalogModel_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The team dashboard's cached ranking now also holds spend by provider: rankings cached before it lack those rows,
-- so they are dropped and recomputed on the next view.
DELETE FROM "TeamModelRanking";
