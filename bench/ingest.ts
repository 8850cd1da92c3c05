/**
 * `npm run bench:ingest`: usage records through `POST /api/v1/usage:batch` against the production build, and in the
 * same run PostgreSQL `COPY` of the same rows into a scratch table (issue #5: target ≥ 30% of the COPY rate).
 *
 * Starts `tunecost serve` on free ports with its own data directory (a fresh embedded PostgreSQL), creates a team,
 * a write API key (the CLI) and 100 models (the API), then sends 100,000 records in 10 batches of 10,000: one client
 * sending the batches one after another, then two clients at once on an emptied table. Prints records/s and writes
 * bench/out/ingest.json. Stops the server and removes its data at the end, also on failure or after 10 minutes.
 * A benchmark, not a test: nothing fails on a slow machine.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { machine, runBench, requireProductionBuild, startBenchServer, writeBenchResult, type BenchServer } from "./support";

const MODELS = 100;
const BATCHES = 10;
const BATCH_SIZE = 10_000;
const RECORDS = BATCHES * BATCH_SIZE;
const BASE_MODEL = "gpt-4o-mini-2024-07-18";
/** The seeded catalog prices gpt-4o-mini from 2025-04-14: every month from 2025-05 on has a price in force. */
const FIRST_MONTH = { year: 2025, month: 5 };
const DEADLINE_MS = 10 * 60_000;

requireProductionBuild("bench:ingest");
let server: BenchServer | undefined;


let key = "";

async function api<T>(method: string, path: string, body?: string): Promise<T> {
  const res = await fetch(`${server!.base}/api/v1${path}`, { method, body, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

function month(i: number): string {
  const m = FIRST_MONTH.month - 1 + i;
  return `${FIRST_MONTH.year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
}

/** Runs `fn` and returns its wall time in seconds. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

/**
 * `COPY … FROM STDIN` of `data` through node-postgres' Submittable interface (what pg-copy-streams does, minus the
 * streaming: the rows are in memory already). Resolves with the rows copied.
 */
function copyFrom(client: pg.Client, sql: string, data: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failure: Error | undefined;
    const noop = () => undefined;
    const copy = {
      submit: (connection: { query(text: string): void }) => connection.query(sql),
      handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
        for (let i = 0; i < data.length; i += 1 << 16) connection.sendCopyFromChunk(data.subarray(i, i + (1 << 16)));
        connection.endCopyFrom();
      },
      handleCommandComplete: (msg: { text: string }) => (rows = Number(msg.text.split(" ")[1])),
      handleError: (error: Error) => (failure = error),
      handleReadyForQuery: () => (failure ? reject(failure) : resolve(rows)),
      handleRowDescription: noop,
      handleDataRow: noop,
      handlePortalSuspended: noop,
      handleEmptyQuery: noop,
      handleCopyData: noop,
    };
    client.query(copy as unknown as pg.Submittable);
  });
}

await runBench(DEADLINE_MS, async (own) => {
  server = own(await startBenchServer("ingest", { TUNECOST_API_RATE_LIMIT_PER_MINUTE: "1000000" }));
  key = (await server.cli(["apikey", "create", "--team", "bench", "--name", "bench", "--scope", "write"])).trim().split("\n").at(-1)!;
  const project = await api<{ id: string }>("POST", "/projects", JSON.stringify({ name: "Bench" }));
  const models: string[] = [];
  for (let i = 0; i < MODELS; i += 10) {
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, j) => {
        const providerModelId = `ft:${BASE_MODEL}:bench:m${i + j}:x${i + j}`;
        return api<{ providerModelId: string }>("POST", "/models", JSON.stringify({ projectId: project.id, displayName: `Model ${i + j}`, providerModelId, status: "ACTIVE" }));
      }),
    );
    models.push(...created.map((m) => m.providerModelId));
  }
  console.log(`Team "bench", a write API key and ${models.length} models ready.`);

  // Batch b holds months b×100 … b×100+99 of every model: 100,000 distinct (model, month) records in all, each named
  // by its provider model id as an OpenAI export would. Serialised before timing: the clock covers the HTTP call.
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  const batches = Array.from({ length: BATCHES }, (_, b) => {
    const records = [];
    for (let mo = b * (BATCH_SIZE / MODELS); mo < (b + 1) * (BATCH_SIZE / MODELS); mo++) {
      for (const model of models) {
        const inputTokens = 1_000_000 + (next() % 100_000_000);
        records.push({ model, month: month(mo), inputTokens, cachedInputTokens: next() % inputTokens, outputTokens: next() % 50_000_000, requests: 1 + (next() % 100_000) });
      }
    }
    return { records, body: JSON.stringify({ records }) };
  });
  const mb = batches.reduce((n, b) => n + b.body.length, 0) / 1e6;

  const client = new pg.Client({ connectionString: await server.databaseUrl() });
  await client.connect();
  // TRUNCATE, not DELETE: every run starts on an empty table and indexes, without dead rows of the previous one.
  const emptyUsage = () => client.query(`TRUNCATE "UsageRecord"`);

  // COPY: the same 100,000 rows, every column UsageRecord has, as CSV. Into a scratch table of the same columns (the
  // issue's baseline), the same with UsageRecord's indexes, and into UsageRecord itself (its indexes and foreign keys:
  // what storing the rows costs at the least). Measured three times, spread over the run, since the machine's load
  // varies: the median is compared with the API figures taken in between.
  const ids = new Map((await client.query<{ id: string; providerModelId: string }>(`SELECT id, "providerModelId" FROM "FineTunedModel"`)).rows.map((r) => [r.providerModelId, r.id]));
  const { teamId } = (await client.query<{ teamId: string }>(`SELECT "teamId" FROM "FineTunedModel" LIMIT 1`)).rows[0]!;
  const now = new Date().toISOString();
  const csv = Buffer.from(
    batches
      .flatMap((b) => b.records)
      .map((r) => [randomUUID(), teamId, ids.get(r.model), `${r.month}-01`, r.inputTokens, r.cachedInputTokens, r.outputTokens, r.requests, "", "", "12.3456", "API", "", 1, now, now].join(","))
      .join("\n") + "\n",
  );
  const columns = `id, "teamId", "modelId", month, "inputTokens", "cachedInputTokens", "outputTokens", requests, "invoicedCostUsd", "asOf", "costUsd", source, "updatedById", version, "createdAt", "updatedAt"`;
  const copyInto = async (table: string) => {
    const rows = await copyFrom(client, `COPY ${table} (${columns}) FROM STDIN WITH (FORMAT csv)`, csv);
    if (rows !== RECORDS) throw new Error(`COPY wrote ${rows} rows`);
  };
  const copies = { plain: [] as number[], indexed: [] as number[], usageRecord: [] as number[] };
  const copyRound = async () => {
    for (const [kind, like] of [["plain", ""], ["indexed", " INCLUDING INDEXES"]] as const) {
      await client.query(`DROP TABLE IF EXISTS bench_usage_copy; CREATE TABLE bench_usage_copy (LIKE "UsageRecord" INCLUDING DEFAULTS${like})`);
      copies[kind].push(await timed(() => copyInto("bench_usage_copy")));
    }
    await client.query(`DROP TABLE bench_usage_copy`);
    await emptyUsage();
    copies.usageRecord.push(await timed(() => copyInto(`"UsageRecord"`)));
    await emptyUsage();
  };
  const median = (xs: number[]) => xs.toSorted((x, y) => x - y)[Math.floor(xs.length / 2)]!;

  const send = (b: (typeof batches)[number]) => api<{ received: number; changed: number }>("POST", "/usage:batch", b.body);
  await copyRound();
  const perBatch: number[] = [];
  const sequential = await timed(async () => {
    for (const b of batches) {
      const seconds = await timed(async () => {
        const r = await send(b);
        if (r.changed !== BATCH_SIZE) throw new Error(`Expected ${BATCH_SIZE} new rows, got ${JSON.stringify(r)}`);
      });
      perBatch.push(seconds);
    }
  });
  // Re-sending a batch that is already stored: validated, priced and compared, nothing written.
  const unchanged = await timed(() => send(batches[0]!));
  await copyRound();
  const concurrent = await timed(() => Promise.all([0, 1].map(async (c) => {
    for (let b = c; b < BATCHES; b += 2) await send(batches[b]!);
  })));
  const stored = Number((await client.query(`SELECT count(*) FROM "UsageRecord"`)).rows[0].count);
  if (stored !== RECORDS) throw new Error(`Expected ${RECORDS} stored records, found ${stored}`);
  await copyRound();
  await client.end();
  const [copyPlain, copyIndexed, copyTable] = [median(copies.plain), median(copies.indexed), median(copies.usageRecord)];

  const rate = (seconds: number, n = RECORDS) => Math.round(n / seconds);
  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    records: RECORDS,
    batches: BATCHES,
    batchSize: BATCH_SIZE,
    models: MODELS,
    requestMb: Number(mb.toFixed(1)),
    api: {
      sequential: { seconds: sequential, recordsPerSecond: rate(sequential), batchSeconds: perBatch.map((s) => Number(s.toFixed(3))) },
      twoClients: { seconds: concurrent, recordsPerSecond: rate(concurrent) },
      unchangedBatch: { seconds: unchanged, recordsPerSecond: rate(unchanged, BATCH_SIZE) },
    },
    copy: {
      scratchTable: { seconds: copyPlain, recordsPerSecond: rate(copyPlain), runs: copies.plain },
      scratchTableWithIndexes: { seconds: copyIndexed, recordsPerSecond: rate(copyIndexed), runs: copies.indexed },
      usageRecordTable: { seconds: copyTable, recordsPerSecond: rate(copyTable), runs: copies.usageRecord },
    },
    ratio: {
      target: 0.3,
      oneClientVsCopy: copyPlain / sequential,
      twoClientsVsCopy: copyPlain / concurrent,
      oneClientVsCopyIntoUsageRecord: copyTable / sequential,
      twoClientsVsCopyIntoUsageRecord: copyTable / concurrent,
    },
  };
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const row = (name: string, seconds: number, n = RECORDS) => `${name.padEnd(48)}${seconds.toFixed(2).padStart(8)} s${rate(seconds, n).toLocaleString("en-US").padStart(12)} records/s`;
  console.log(
    [
      "",
      `${RECORDS.toLocaleString("en-US")} usage records, ${BATCHES} batches of ${BATCH_SIZE.toLocaleString("en-US")} (${mb.toFixed(1)} MB of JSON), ${MODELS} models`,
      row("POST /usage:batch, one client", sequential),
      row("POST /usage:batch, two clients", concurrent),
      row("POST /usage:batch, a stored batch again", unchanged, BATCH_SIZE),
      row("COPY into a scratch table (median of 3)", copyPlain),
      row("COPY into a scratch table with its indexes", copyIndexed),
      row("COPY into UsageRecord (indexes, foreign keys)", copyTable),
      "",
      `API vs COPY into a scratch table: ${pct(result.ratio.oneClientVsCopy)} (one client), ${pct(result.ratio.twoClientsVsCopy)} (two clients); target ≥ 30%`,
      `API vs COPY into UsageRecord itself: ${pct(result.ratio.oneClientVsCopyIntoUsageRecord)} (one client), ${pct(result.ratio.twoClientsVsCopyIntoUsageRecord)} (two clients)`,
    ].join("\n"),
  );
  writeBenchResult("ingest", result);
});
