-- CreateTable
CREATE TABLE "Dataset" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileBytes" BIGINT NOT NULL,
    "format" TEXT NOT NULL,
    "examples" INTEGER NOT NULL,
    "validExamples" INTEGER NOT NULL,
    "errorCount" INTEGER NOT NULL,
    "warningCount" INTEGER NOT NULL,
    "baseModelId" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "contextLimit" INTEGER NOT NULL,
    "totalTokens" BIGINT NOT NULL,
    "billedTokensPerEpoch" BIGINT NOT NULL,
    "assistantTokens" BIGINT NOT NULL,
    "minTokens" INTEGER,
    "maxTokens" INTEGER,
    "meanTokens" DECIMAL(18,4),
    "p50Tokens" INTEGER,
    "p90Tokens" INTEGER,
    "overLimitExamples" INTEGER NOT NULL,
    "epochs" INTEGER NOT NULL,
    "epochsSource" TEXT NOT NULL,
    "trainedTokens" BIGINT NOT NULL,
    "trainingCostUsd" DECIMAL(20,8),
    "priceSet" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "summary" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Dataset_teamId_createdAt_idx" ON "Dataset"("teamId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_teamId_fileSha256_baseModelId_epochs_key" ON "Dataset"("teamId", "fileSha256", "baseModelId", "epochs");

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
