-- DropIndex
DROP INDEX "UsageRecord_teamId_month_idx";

-- CreateTable
CREATE TABLE "TeamMonthRevision" (
    "teamId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "revision" BIGINT NOT NULL,

    CONSTRAINT "TeamMonthRevision_pkey" PRIMARY KEY ("teamId","month")
);

-- CreateTable
CREATE TABLE "TeamModelRanking" (
    "teamId" UUID NOT NULL,
    "previousMonth" DATE NOT NULL,
    "latestMonth" DATE NOT NULL,
    "previousRevision" BIGINT NOT NULL,
    "latestRevision" BIGINT NOT NULL,
    "entries" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamModelRanking_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "ProjectMonthCost" (
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "costUsd" DECIMAL(30,10) NOT NULL,
    "monthEndUsd" DECIMAL(65,30) NOT NULL,
    "records" INTEGER NOT NULL,
    "inProgress" INTEGER NOT NULL,

    CONSTRAINT "ProjectMonthCost_pkey" PRIMARY KEY ("projectId","month")
);

-- CreateIndex
CREATE INDEX "ProjectMonthCost_teamId_month_idx" ON "ProjectMonthCost"("teamId", "month");

-- CreateIndex
CREATE INDEX "FineTunedModel_teamId_trainedAt_idx" ON "FineTunedModel"("teamId", "trainedAt");

-- CreateIndex
CREATE INDEX "UsageRecord_teamId_month_asOf_idx" ON "UsageRecord"("teamId", "month", "asOf");

-- AddForeignKey
ALTER TABLE "TeamMonthRevision" ADD CONSTRAINT "TeamMonthRevision_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamModelRanking" ADD CONSTRAINT "TeamModelRanking_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectMonthCost" ADD CONSTRAINT "ProjectMonthCost_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- Everything below is kept by hand (Prisma's schema diff does not model functions or triggers): the rollup's upkeep.
-- docs/decisions/016-usage-rollup.md explains the design; tests/integration/usage-rollup.test.ts keeps it honest.

-- A record's month end, exactly as the dashboards have always computed it: its cost, or while the month is in progress
-- (as-of day before the last day) its cost × days in the month ÷ the as-of day.
CREATE FUNCTION tunecost_month_end_usd(cost NUMERIC, month DATE, as_of DATE) RETURNS NUMERIC
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN as_of < (month + interval '1 month' - interval '1 day')::date
              THEN cost * EXTRACT(DAY FROM (month + interval '1 month' - interval '1 day')::date) / EXTRACT(DAY FROM as_of)
              ELSE cost END
$$;

CREATE FUNCTION tunecost_in_progress(month DATE, as_of DATE) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN as_of < (month + interval '1 month' - interval '1 day')::date THEN 1 ELSE 0 END
$$;

-- Adds signed sums to the rollup, one row per (project, month). Increments, never recomputation, so two transactions
-- writing the same project and month both count (an upsert re-reads the latest committed row). Rows are upserted in
-- (project, month) order, so concurrent writers lock rollup rows in one order. Projects deleted meanwhile drop out.
CREATE FUNCTION tunecost_add_to_rollup(project_ids UUID[], months DATE[], costs NUMERIC[], month_ends NUMERIC[], counts INTEGER[], in_progress INTEGER[])
RETURNS VOID LANGUAGE sql AS $$
  INSERT INTO "ProjectMonthCost" AS r ("teamId", "projectId", month, "costUsd", "monthEndUsd", records, "inProgress")
  SELECT p."teamId", p.id, d.month, d.cost, d.month_end, d.n, d.ip
  FROM unnest(project_ids, months, costs, month_ends, counts, in_progress) AS d(project_id, month, cost, month_end, n, ip)
  JOIN "Project" p ON p.id = d.project_id
  ORDER BY p.id, d.month
  ON CONFLICT ("projectId", month) DO UPDATE SET
    "costUsd" = r."costUsd" + EXCLUDED."costUsd",
    "monthEndUsd" = r."monthEndUsd" + EXCLUDED."monthEndUsd",
    records = r.records + EXCLUDED.records,
    "inProgress" = r."inProgress" + EXCLUDED."inProgress";
  -- …and marks each team month it touched as changed (what cached figures of that month are checked against).
  INSERT INTO "TeamMonthRevision" AS t ("teamId", month, revision)
  SELECT DISTINCT p."teamId", d.month, 1
  FROM unnest(project_ids, months) AS d(project_id, month) JOIN "Project" p ON p.id = d.project_id
  ORDER BY 1, 2
  ON CONFLICT ("teamId", month) DO UPDATE SET revision = t.revision + 1;
$$;

-- UsageRecord changes, one statement at a time (a 10,000-record batch is one call): each record counts +1 with its
-- sums when it appears and -1 when it goes. The models are read FOR SHARE, so a concurrent move of a model to another
-- project waits for this write (and the reverse), and each record ends up counted in the project its model is in.
-- (plpgsql plans a statement when it first runs it: each branch names only the transition tables its event has.)
CREATE FUNCTION tunecost_usage_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM tunecost_add_to_rollup(array_agg(project_id), array_agg(month), array_agg(cost), array_agg(month_end), array_agg(n), array_agg(ip))
    FROM (SELECT m."projectId" AS project_id, d.month, sum(d."costUsd") AS cost, sum(tunecost_month_end_usd(d."costUsd", d.month, d."asOf")) AS month_end,
                 count(*)::int AS n, sum(tunecost_in_progress(d.month, d."asOf"))::int AS ip
          FROM new_rows d
          JOIN (SELECT id, "projectId" FROM "FineTunedModel" WHERE id IN (SELECT "modelId" FROM new_rows) ORDER BY id FOR SHARE) m ON m.id = d."modelId"
          GROUP BY 1, 2) g;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM tunecost_add_to_rollup(array_agg(project_id), array_agg(month), array_agg(cost), array_agg(month_end), array_agg(n), array_agg(ip))
    FROM (SELECT m."projectId" AS project_id, d.month, -sum(d."costUsd") AS cost, -sum(tunecost_month_end_usd(d."costUsd", d.month, d."asOf")) AS month_end,
                 -count(*)::int AS n, -sum(tunecost_in_progress(d.month, d."asOf"))::int AS ip
          FROM old_rows d
          JOIN (SELECT id, "projectId" FROM "FineTunedModel" WHERE id IN (SELECT "modelId" FROM old_rows) ORDER BY id FOR SHARE) m ON m.id = d."modelId"
          GROUP BY 1, 2) g;
  ELSE
    PERFORM tunecost_add_to_rollup(array_agg(project_id), array_agg(month), array_agg(cost), array_agg(month_end), array_agg(n), array_agg(ip))
    FROM (SELECT m."projectId" AS project_id, d.month, sum(d.cost) AS cost, sum(d.month_end) AS month_end, sum(d.n)::int AS n, sum(d.ip)::int AS ip
          FROM (SELECT "modelId", month, "costUsd" AS cost, tunecost_month_end_usd("costUsd", month, "asOf") AS month_end, 1 AS n,
                       tunecost_in_progress(month, "asOf") AS ip FROM new_rows
                UNION ALL
                SELECT "modelId", month, -"costUsd", -tunecost_month_end_usd("costUsd", month, "asOf"), -1, -tunecost_in_progress(month, "asOf") FROM old_rows) d
          JOIN (SELECT id, "projectId" FROM "FineTunedModel" WHERE id IN (SELECT "modelId" FROM new_rows UNION SELECT "modelId" FROM old_rows) ORDER BY id FOR SHARE) m
            ON m.id = d."modelId"
          GROUP BY 1, 2) g;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "UsageRecord_rollup_insert" AFTER INSERT ON "UsageRecord"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tunecost_usage_rollup();
CREATE TRIGGER "UsageRecord_rollup_update" AFTER UPDATE ON "UsageRecord"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tunecost_usage_rollup();
CREATE TRIGGER "UsageRecord_rollup_delete" AFTER DELETE ON "UsageRecord"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tunecost_usage_rollup();

-- A model moved to another project takes its records' sums along (every UPDATE statement fires it: PostgreSQL
-- refuses transition tables on "UPDATE OF column" triggers; an update that moves nothing adds nothing).
CREATE FUNCTION tunecost_model_move_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tunecost_add_to_rollup(array_agg(project_id), array_agg(month), array_agg(cost), array_agg(month_end), array_agg(n), array_agg(ip))
  FROM (SELECT p.project_id, u.month, p.sign * sum(u."costUsd") AS cost, p.sign * sum(tunecost_month_end_usd(u."costUsd", u.month, u."asOf")) AS month_end,
               (p.sign * count(*))::int AS n, (p.sign * sum(tunecost_in_progress(u.month, u."asOf")))::int AS ip
        FROM (SELECT n.id, n."projectId" AS project_id, 1 AS sign FROM old_models o JOIN new_models n ON n.id = o.id WHERE o."projectId" <> n."projectId"
              UNION ALL
              SELECT o.id, o."projectId", -1 FROM old_models o JOIN new_models n ON n.id = o.id WHERE o."projectId" <> n."projectId") p
        JOIN "UsageRecord" u ON u."modelId" = p.id
        GROUP BY p.project_id, p.sign, u.month) g;
  RETURN NULL;
END
$$;

CREATE TRIGGER "FineTunedModel_rollup_move" AFTER UPDATE ON "FineTunedModel"
  REFERENCING OLD TABLE AS old_models NEW TABLE AS new_models FOR EACH STATEMENT EXECUTE FUNCTION tunecost_model_move_rollup();

-- A deleted model's records go first, while the model still names its project (a cascade from the model would run
-- after the model row is gone, and its records could no longer be subtracted from the right project).
CREATE FUNCTION tunecost_model_delete_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "UsageRecord" WHERE "modelId" = OLD.id;
  RETURN OLD;
END
$$;

CREATE TRIGGER "FineTunedModel_delete_usage_first" BEFORE DELETE ON "FineTunedModel"
  FOR EACH ROW EXECUTE FUNCTION tunecost_model_delete_usage();

-- The records stored before this migration.
INSERT INTO "ProjectMonthCost" ("teamId", "projectId", month, "costUsd", "monthEndUsd", records, "inProgress")
SELECT p."teamId", p.id, u.month, sum(u."costUsd"), sum(tunecost_month_end_usd(u."costUsd", u.month, u."asOf")), count(*),
       sum(tunecost_in_progress(u.month, u."asOf"))
FROM "UsageRecord" u JOIN "FineTunedModel" m ON m.id = u."modelId" JOIN "Project" p ON p.id = m."projectId"
GROUP BY p."teamId", p.id, u.month;
