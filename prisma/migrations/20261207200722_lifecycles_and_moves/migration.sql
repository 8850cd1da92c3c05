-- AlterEnum
ALTER TYPE "AlertKind" ADD VALUE 'RETIREMENT';

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "tokenCounts" JSONB;

-- AlterTable
ALTER TABLE "FineTunedModel" ADD COLUMN     "replacesModelId" UUID,
ADD COLUMN     "shutdownOn" DATE;

-- CreateIndex
CREATE UNIQUE INDEX "FineTunedModel_replacesModelId_key" ON "FineTunedModel"("replacesModelId");

-- AddForeignKey
ALTER TABLE "FineTunedModel" ADD CONSTRAINT "FineTunedModel_replacesModelId_fkey" FOREIGN KEY ("replacesModelId") REFERENCES "FineTunedModel"("id") ON DELETE SET NULL ON UPDATE CASCADE;
