import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/platform/migrate";
import type { CatalogFile } from "@/lib/pricing/catalog-file";

// An import rewrites the global catalog, which every other test file prices against: this file works in a database
// of its own (same server), so the shutdown dates and price rows it adds are seen by no other test.
const root = process.cwd();
const DATABASE = "tunecost_catalog_file";

function databaseUrl(): string {
  const admin = process.env.TEST_PG_ADMIN_URL;
  if (!admin) throw new Error("TEST_PG_ADMIN_URL is not set: run this through the integration project.");
  const url = new URL(admin);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

/** `npx tunecost …` as an operator runs it, against this file's database; `input` is what they type. */
function tunecost(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(args, "");
}

function run(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(root, "bin", "tunecost.mjs"), ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl() }, maxBuffer: 32 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

type Lib = {
  db: typeof import("@/lib/db/client").db;
  releaseDb: typeof import("@/lib/db/client").releaseDb;
  seed: typeof import("@/lib/pricing/seed");
  file: typeof import("@/lib/pricing/catalog-file");
  factories: typeof import("../support/factories");
  createProject: typeof import("@/lib/projects/mutations").createProject;
  createModel: typeof import("@/lib/models/mutations").createModel;
  putModelUsage: typeof import("@/lib/usage/mutations").putModelUsage;
  usageFiguresSchema: typeof import("@/lib/usage/schemas").usageFiguresSchema;
};
let lib: Lib;
let dir: string;
let previousUrl: string | undefined;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
  } finally {
    await admin.end();
  }
  await applyMigrations(databaseUrl(), join(root, "prisma", "migrations"));
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl(); // the lib's Prisma client is created on first import, below
  const client = await import("@/lib/db/client");
  lib = {
    db: client.db,
    releaseDb: client.releaseDb,
    seed: await import("@/lib/pricing/seed"),
    file: await import("@/lib/pricing/catalog-file"),
    factories: await import("../support/factories"),
    createProject: (await import("@/lib/projects/mutations")).createProject,
    createModel: (await import("@/lib/models/mutations")).createModel,
    putModelUsage: (await import("@/lib/usage/mutations")).putModelUsage,
    usageFiguresSchema: (await import("@/lib/usage/schemas")).usageFiguresSchema,
  };
  await lib.seed.seedPriceCatalog();
  dir = mkdtempSync(join(tmpdir(), "tunecost-catalog-"));
});

afterAll(async () => {
  await lib?.releaseDb();
  process.env.DATABASE_URL = previousUrl;
  rmSync(dir, { recursive: true, force: true });
});

const MINI = "gpt-4o-mini-2024-07-18";

/** Everything an import could touch, as one comparable value: catalog rows hashed, audit and usage counted and summed. */
async function snapshot() {
  const [row] = await lib.db.$queryRaw<{ models: string; prices: string; audit: bigint; usage: string | null }[]>`
    SELECT (SELECT md5(coalesce(string_agg(m::text, '|' ORDER BY m.id), '')) FROM "CatalogModel" m) AS models,
           (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) FROM "PriceEntry" p) AS prices,
           (SELECT count(*) FROM "AuditEvent") AS audit,
           (SELECT sum("costUsd")::text FROM "UsageRecord") AS usage`;
  return row;
}

async function exported(): Promise<CatalogFile> {
  return JSON.parse(JSON.stringify(await lib.seed.exportGlobalCatalog())) as CatalogFile;
}

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
}

/** A team with one fine-tune on gpt-4o-mini and usage in February and March 2026: 2M input, 1M output tokens a month. */
async function teamWithMiniUsage(priceSet?: string) {
  const owner = await lib.factories.createTeamWithOwner();
  if (priceSet) await lib.db.team.update({ where: { id: owner.teamId }, data: { priceSet } });
  const ctx = { userId: owner.userId, teamId: owner.teamId, role: "OWNER" as const };
  const project = await lib.createProject(ctx, { name: "Support bot" });
  const model = await lib.createModel(ctx, {
    projectId: project.id,
    displayName: "Support v1",
    providerModelId: `ft:${MINI}:acme:support:${owner.teamId.slice(0, 6)}`,
    status: "ACTIVE",
    trainingTokens: 1_000_000n,
    epochs: 3,
    trainedAt: "2025-06-10",
  });
  for (const month of ["2026-02", "2026-03"]) {
    await lib.putModelUsage(ctx, model.id, month, lib.usageFiguresSchema.parse({ inputTokens: 2_000_000, outputTokens: 1_000_000 }), { source: "API" });
  }
  const cost = async (month: string) =>
    (await lib.db.usageRecord.findUniqueOrThrow({ where: { modelId_month: { modelId: model.id, month: new Date(`${month}-01T00:00:00Z`) } } })).costUsd.toFixed();
  return { teamId: owner.teamId, cost };
}

describe("tunecost catalog export / import", { timeout: 120_000 }, () => {
  it("imports its own export as a no-op, through the real CLI", async () => {
    const before = await snapshot();
    const file = join(dir, "exported.json");
    const out = await tunecost("catalog", "export", file);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Wrote \d+ models and \d+ price rows to /);
    const back = await tunecost("catalog", "import", file);
    expect([back.code, back.stdout.trim(), back.stderr]).toEqual([0, "No changes.", ""]);
    expect(await snapshot()).toEqual(before);

    const stdout = await tunecost("catalog", "export");
    const parsed = lib.file.parseCatalogFile(stdout.stdout);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.file.models.find((m) => m.id === MINI)).toMatchObject({ shutdownOn: "2027-01-14", billingUnit: "token", provider: "openai" });
  });

  it("writes a new price row and a later shutdown date, re-prices the months that row governs, audits every team, and survives the seeder", async () => {
    const a = await teamWithMiniUsage();
    const b = await teamWithMiniUsage("article-2026");
    // Seeded openai prices: 2M × $0.30 + 1M × $1.20 per 1M = $1.80 a month.
    expect([await a.cost("2026-02"), await a.cost("2026-03")]).toEqual(["1.8", "1.8"]);
    const articleMarch = await b.cost("2026-03");

    const catalog = await exported();
    const mini = catalog.models.find((m) => m.id === MINI)!;
    mini.shutdownOn = "2027-04-30";
    const seeded = catalog.prices.find((p) => p.modelId === MINI && p.priceSet === "openai")!;
    catalog.prices.push({ ...seeded, effectiveFrom: "2026-03-01", inputPerMTokUsd: "0.25", outputPerMTokUsd: "1.00", checkedOn: "2026-12-07", note: "Price cut" });

    const parsed = lib.file.parseCatalogFile(JSON.stringify(catalog));
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const plan = await lib.seed.planCatalogImport(parsed.file);
    expect(plan.errors).toEqual([]);
    expect(plan.diff.split("\n")).toEqual([
      `~ model ${MINI} shutdownOn: 2027-01-14 → 2027-04-30`,
      `+ price ${MINI} [openai] from 2026-03-01: inputPerMTokUsd 0.3 → 0.25, outputPerMTokUsd 1.2 → 1`,
    ]);

    // A diff confirmed before the catalog moved on is not written.
    await expect(lib.seed.applyCatalogImport(parsed.file, [])).rejects.toThrow(/changed since the diff was printed/);

    const result = await lib.seed.applyCatalogImport(parsed.file, plan.changes);
    expect(result.repricedUsageRecords).toBeGreaterThanOrEqual(1);

    const model = await lib.db.catalogModel.findUniqueOrThrow({ where: { id: MINI }, select: { shutdownOn: true } });
    expect(model.shutdownOn?.toISOString().slice(0, 10)).toBe("2027-04-30");
    const row = await lib.db.priceEntry.findFirstOrThrow({ where: { modelId: MINI, teamId: null, priceSet: "openai", effectiveFrom: new Date("2026-03-01T00:00:00Z") } });
    expect([row.inputPerMTokUsd?.toFixed(), row.outputPerMTokUsd?.toFixed(), row.note]).toEqual(["0.25", "1", "Price cut"]);
    // March is priced with the new row: 2M × $0.25 + 1M × $1.00 = $1.50; February keeps the row in force then.
    expect([await a.cost("2026-02"), await a.cost("2026-03")]).toEqual(["1.8", "1.5"]);
    // Team b prices with another set: the openai row is not its price.
    expect(await b.cost("2026-03")).toBe(articleMarch);

    const events = await lib.db.auditEvent.findMany({ where: { teamId: { in: [a.teamId, b.teamId] }, action: "catalog.import" }, select: { teamId: true, summary: true, actorLabel: true, entityType: true } });
    expect(events.find((e) => e.teamId === a.teamId)).toEqual({ teamId: a.teamId, actorLabel: "system", entityType: "price", summary: "Catalog import: 1 price row, 1 lifecycle date; 1 usage month(s) repriced" });
    expect(events.find((e) => e.teamId === b.teamId)?.summary).toBe("Catalog import: 1 price row, 1 lifecycle date");

    // The next app start runs the seeder: the imported date stays, and the catalog still exports as what was imported.
    await lib.seed.seedPriceCatalog();
    const again = await lib.db.catalogModel.findUniqueOrThrow({ where: { id: MINI }, select: { shutdownOn: true } });
    expect(again.shutdownOn?.toISOString().slice(0, 10)).toBe("2027-04-30");
    expect((await lib.seed.planCatalogImport(parsed.file)).changes).toEqual([]);
  });

  it("has the seeder still fill a lifecycle an import left empty, and restore the tokenizer it owns", async () => {
    const id = "gpt-4.1-2025-04-14";
    await lib.db.catalogModel.update({ where: { id }, data: { trainingEndsOn: null, encoding: "cl100k_base" } });
    await lib.seed.seedPriceCatalog();
    const m = await lib.db.catalogModel.findUniqueOrThrow({ where: { id }, select: { trainingEndsOn: true, encoding: true } });
    expect([m.trainingEndsOn?.toISOString().slice(0, 10), m.encoding]).toEqual(["2027-01-05", "o200k_base"]);
  });

  it("refuses malformed files with exit code 2 and the JSON path, writing nothing", async () => {
    const before = await snapshot();
    const good = await exported();
    const money = write("money.json", { ...good, prices: [{ ...good.prices[0]!, inputPerMTokUsd: 0.3 }] });
    const out = await tunecost("catalog", "import", money, "--yes");
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('prices[0].inputPerMTokUsd: Expected an exact decimal string such as "0.15"');
    expect(out.stderr).toContain("nothing was written");

    const unknownModel = write("unknown-model.json", { ...good, models: [], prices: [{ ...good.prices[0]!, modelId: "openai:nope", effectiveFrom: "2027-01-01" }] });
    const out2 = await tunecost("catalog", "import", unknownModel, "--yes");
    expect(out2.code).toBe(2);
    expect(out2.stderr).toContain('prices[0].modelId: "openai:nope" is neither in the file\'s models nor in the catalog');

    // Parsed in-process: every kind is refused before anything is written.
    const kinds: unknown[] = [
      "{ not json",
      { ...good, version: 2 },
      { ...good, models: [{ ...good.models[0]!, provider: "acme-ai" }] },
      { ...good, models: [{ ...good.models[0]!, encoding: "o300k" }] },
      { ...good, prices: [good.prices[0], good.prices[0]] },
      { ...good, prices: [{ ...good.prices[0]!, outputPerMTokUsd: "-1" }] },
      { ...good, prices: [{ ...good.prices[0]!, hostingPerHourUsd: "99999999999" }] },
    ];
    for (const kind of kinds) {
      const parsed = lib.file.parseCatalogFile(typeof kind === "string" ? kind : JSON.stringify(kind));
      expect(parsed.ok, JSON.stringify(kind).slice(0, 80)).toBe(false);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a row that would rewrite a stored price; --dry-run and a declined prompt write nothing, --yes writes", async () => {
    const before = await snapshot();
    const good = await exported();
    const seeded = good.prices.find((p) => p.modelId === MINI && p.priceSet === "openai" && p.effectiveFrom === "2025-04-14")!;
    const conflict = write("conflict.json", { ...good, prices: [{ ...seeded, trainingPerMTokUsd: "2.5" }] });
    const out = await tunecost("catalog", "import", conflict, "--yes");
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`The catalog already has a row for ${MINI} in price set "openai" from 2025-04-14 with other values (trainingPerMTokUsd). Price rows are never rewritten: add a row with a later effectiveFrom.`);
    // In-process too: the transaction refuses it even when the caller skipped the plan.
    const parsed = lib.file.parseCatalogFile(JSON.stringify({ ...good, prices: [{ ...seeded, trainingPerMTokUsd: "2.5" }] }));
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    await expect(lib.seed.applyCatalogImport(parsed.file, [])).rejects.toThrow(/never rewritten/);

    const later = write("later.json", { ...good, prices: [{ ...seeded, effectiveFrom: "2027-06-01", trainingPerMTokUsd: "2.5" }] });
    const dry = await tunecost("catalog", "import", later, "--dry-run");
    expect(dry.code).toBe(0);
    // Against the row in force the day before (the previous test's 2026-03-01 row), old → new.
    expect(dry.stdout).toMatch(/^\+ price gpt-4o-mini-2024-07-18 \[openai\] from 2027-06-01: trainingPerMTokUsd 3 → 2\.5/m);
    expect(dry.stdout).toContain("Dry run: 1 price row would be written; nothing was written.");
    // Without --yes the operator is asked; anything but "y" writes nothing.
    const declined = await run(["catalog", "import", later], "n\n");
    expect([declined.code, declined.stderr]).toEqual([1, "Write 1 price row? [y/N] Cancelled; nothing was written.\n"]);
    expect(await snapshot()).toEqual(before);

    const yes = await tunecost("catalog", "import", later, "--yes");
    expect([yes.code, yes.stderr]).toEqual([0, ""]);
    expect(yes.stdout).toMatch(/^Imported 1 price row: \d+ usage month\(s\) repriced, audit event written for \d+ team\(s\)\.$/m);
    const written = await lib.db.priceEntry.findFirst({ where: { modelId: MINI, teamId: null, priceSet: "openai", effectiveFrom: new Date("2027-06-01T00:00:00Z") } });
    expect(written?.trainingPerMTokUsd?.toFixed()).toBe("2.5");
  });
});
