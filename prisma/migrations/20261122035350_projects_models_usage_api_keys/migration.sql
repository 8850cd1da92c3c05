-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('PLANNED', 'TRAINING', 'ACTIVE', 'RETIRED');

-- CreateEnum
CREATE TYPE "UsageSource" AS ENUM ('FORM', 'CSV', 'API', 'OPENAI');

-- CreateEnum
CREATE TYPE "PlanPeriod" AS ENUM ('DAY', 'MONTH');

-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('READ', 'WRITE');

-- CreateTable
CREATE TABLE "Project" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "monthlyBudgetUsd" DECIMAL(20,2),
    "deviationThresholdPct" DECIMAL(6,2) NOT NULL DEFAULT 20,
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FineTunedModel" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "providerModelId" TEXT,
    "baseModelId" TEXT NOT NULL,
    "status" "ModelStatus" NOT NULL DEFAULT 'PLANNED',
    "trainingTokens" BIGINT,
    "epochs" INTEGER,
    "trainedAt" DATE,
    "trainingCostUsd" DECIMAL(20,8),
    "invoicedTrainingCostUsd" DECIMAL(20,8),
    "datasetId" UUID,
    "hyperparameters" JSONB,
    "promptTokensFineTuned" INTEGER,
    "promptTokensBase" INTEGER,
    "archivedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FineTunedModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageRecord" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "cachedInputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL,
    "requests" BIGINT,
    "invoicedCostUsd" DECIMAL(20,8),
    "asOf" DATE,
    "costUsd" DECIMAL(24,10) NOT NULL,
    "source" "UsageSource" NOT NULL,
    "updatedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsageRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsagePlan" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "startMonth" DATE NOT NULL,
    "period" "PlanPeriod" NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "cachedInputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL,
    "requests" BIGINT,
    "daysPerMonth" INTEGER NOT NULL DEFAULT 30,
    "monthlyGrowthPct" DECIMAL(8,4) NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UsagePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scope" "ApiKeyScope" NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Project_teamId_archivedAt_idx" ON "Project"("teamId", "archivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Project_teamId_name_key" ON "Project"("teamId", "name");

-- CreateIndex
CREATE INDEX "FineTunedModel_teamId_projectId_idx" ON "FineTunedModel"("teamId", "projectId");

-- CreateIndex
CREATE UNIQUE INDEX "FineTunedModel_teamId_providerModelId_key" ON "FineTunedModel"("teamId", "providerModelId");

-- CreateIndex
CREATE INDEX "UsageRecord_teamId_month_idx" ON "UsageRecord"("teamId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "UsageRecord_modelId_month_key" ON "UsageRecord"("modelId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "UsagePlan_modelId_key" ON "UsagePlan"("modelId");

-- CreateIndex
CREATE INDEX "UsagePlan_teamId_idx" ON "UsagePlan"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "ApiKey_teamId_idx" ON "ApiKey"("teamId");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FineTunedModel" ADD CONSTRAINT "FineTunedModel_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FineTunedModel" ADD CONSTRAINT "FineTunedModel_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FineTunedModel" ADD CONSTRAINT "FineTunedModel_baseModelId_fkey" FOREIGN KEY ("baseModelId") REFERENCES "CatalogModel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FineTunedModel" ADD CONSTRAINT "FineTunedModel_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageRecord" ADD CONSTRAINT "UsageRecord_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageRecord" ADD CONSTRAINT "UsageRecord_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "FineTunedModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsagePlan" ADD CONSTRAINT "UsagePlan_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "FineTunedModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
