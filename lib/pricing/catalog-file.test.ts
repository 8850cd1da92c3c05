import { describe, expect, it } from "vitest";
import {
  type CatalogFile,
  type CatalogFileModel,
  type CatalogFilePrice,
  checkCatalogFile,
  conflictErrors,
  describeChanges,
  diffCatalog,
  formatCatalogDiff,
  parseCatalogFile,
  type StoredCatalog,
} from "./catalog-file";
import { PRICE_FIELDS } from "./schemas";

const model = (over: Partial<CatalogFileModel> = {}): CatalogFileModel => ({
  id: "gpt-4o-mini-2024-07-18",
  provider: "openai",
  displayName: "gpt-4o-mini-2024-07-18",
  aliases: ["gpt-4o-mini"],
  encoding: "o200k_base",
  tokenizerExact: true,
  trainingContextLimit: 65536,
  billingUnit: "token",
  maxEpochs: 50,
  minExamples: 10,
  docsUrl: null,
  announcedOn: "2026-05-07",
  trainingEndsOn: "2027-01-05",
  shutdownOn: "2027-01-14",
  replacement: null,
  lifecycleSourceUrl: "https://example.test/deprecations",
  ...over,
});

const noMoney = Object.fromEntries(PRICE_FIELDS.map((f) => [f, null])) as Record<(typeof PRICE_FIELDS)[number], null>;
const price = (over: Partial<CatalogFilePrice> = {}): CatalogFilePrice => ({
  modelId: "gpt-4o-mini-2024-07-18",
  priceSet: "openai",
  effectiveFrom: "2025-04-14",
  ...noMoney,
  trainingPerMTokUsd: "3",
  inputPerMTokUsd: "0.3",
  cachedInputPerMTokUsd: "0.15",
  outputPerMTokUsd: "1.2",
  baseInputPerMTokUsd: "0.15",
  baseCachedInputPerMTokUsd: "0.075",
  baseOutputPerMTokUsd: "0.6",
  validationBilled: false,
  sourceUrl: "https://example.test/pricing",
  checkedOn: "2026-12-07",
  verified: false,
  note: null,
  ...over,
});

const stored: StoredCatalog = { models: [model()], prices: [price()] };
const file = (over: Partial<CatalogFile> = {}): CatalogFile => ({ format: "tunecost-catalog", version: 1, exportedAt: "2026-12-07T20:00:00.000Z", ...stored, ...over });
const parse = (value: unknown) => parseCatalogFile(JSON.stringify(value));
const errorsOf = (value: unknown) => {
  const r = parse(value);
  return r.ok ? [] : r.errors;
};

describe("parseCatalogFile", () => {
  it("reads a complete file and canonicalises money (0.80 and 0.8 are the same price)", () => {
    const r = parse(file({ prices: [price({ inputPerMTokUsd: "0.30", trainingPerMTokUsd: "3.00" })] }));
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.file.prices[0]!.inputPerMTokUsd, r.file.prices[0]!.trainingPerMTokUsd]).toEqual(["0.3", "3"]);
  });

  it("fills omitted optional fields with null / defaults, so a hand-written row needs only its prices", () => {
    const r = parse({ format: "tunecost-catalog", version: 1, models: [], prices: [{ modelId: "m", priceSet: "openai", effectiveFrom: "2027-01-01", inputPerMTokUsd: "1" }] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.file.prices[0]).toMatchObject({ outputPerMTokUsd: null, validationBilled: false, verified: null, note: null });
  });

  it("names the JSON path of a number, a negative, an exponent, too many decimals and an overflowing price", () => {
    const errors = errorsOf(
      file({
        prices: [
          price(),
          price({ effectiveFrom: "2026-01-01", inputPerMTokUsd: 0.3 as unknown as string }),
          price({ effectiveFrom: "2026-02-01", outputPerMTokUsd: "-1" }),
          price({ effectiveFrom: "2026-03-01", trainingPerMTokUsd: "1e3", baseInputPerMTokUsd: "0.123456789" }),
          price({ effectiveFrom: "2026-04-01", hostingPerHourUsd: "12345678901" }),
        ],
      }),
    );
    expect(errors).toEqual([
      'prices[1].inputPerMTokUsd: Expected an exact decimal string such as "0.15" (no sign, no exponent, not a JSON number)',
      'prices[2].outputPerMTokUsd: Expected an exact decimal string such as "0.15" (no sign, no exponent, not a JSON number)',
      'prices[3].trainingPerMTokUsd: Expected an exact decimal string such as "0.15" (no sign, no exponent, not a JSON number)',
      "prices[3].baseInputPerMTokUsd: Use at most 8 decimal places (the column is Decimal(18,8))",
      "prices[4].hostingPerHourUsd: Too large: at most 10 digits before the point (the column is Decimal(18,8))",
    ]);
  });

  it("refuses unknown providers, tokenizers, fields and impossible days", () => {
    const errors = errorsOf(
      file({
        models: [model({ provider: "openaii" as never, encoding: "o300k" as never, shutdownOn: "2027-02-30" }), { ...model({ id: "x" }), colour: "red" } as never],
      }),
    );
    expect(errors).toContain('models[0].provider: Unknown provider "openaii"; expected one of openai, azure-openai, vertex-ai, bedrock, together, fireworks, mistral, self-hosted');
    expect(errors).toContain('models[0].encoding: Unknown tokenizer "o300k"; expected one of o200k_base, cl100k_base, llama3, qwen3, gemma3, gemini');
    expect(errors).toContain("models[0].shutdownOn: Not a real date");
    expect(errors.some((e) => e.startsWith("models[1]") && e.includes("colour"))).toBe(true);
  });

  it("refuses another format or version, and text that is not JSON", () => {
    expect(errorsOf({ ...file(), format: "other" })).toEqual(['format: Expected "tunecost-catalog": this is not a tunecost catalog file']);
    expect(errorsOf({ ...file(), version: 2 })).toEqual(["version: Expected 1: this build reads catalog files of version 1 only"]);
    const r = parseCatalogFile("{ not json");
    expect(r.ok ? [] : r.errors[0]).toMatch(/^The file is not valid JSON: /);
  });

  it("refuses duplicate models and duplicate price rows, naming both places", () => {
    expect(errorsOf(file({ models: [model(), model()], prices: [price(), price()] }))).toEqual([
      'models[1].id: "gpt-4o-mini-2024-07-18" is listed twice (first at models[0])',
      'prices[1]: a second row for gpt-4o-mini-2024-07-18 in price set "openai" from 2025-04-14 (first at prices[0])',
    ]);
  });
});

describe("checkCatalogFile", () => {
  it("refuses a price of a model neither in the file nor in the catalog", () => {
    expect(checkCatalogFile(file({ models: [], prices: [price({ modelId: "nope" })] }), stored)).toEqual([
      'prices[0].modelId: "nope" is neither in the file\'s models nor in the catalog',
    ]);
  });

  it("accepts a price of a model the file adds", () => {
    const m = model({ id: "together:new", provider: "together", aliases: [] });
    expect(checkCatalogFile(file({ models: [m], prices: [price({ modelId: m.id })] }), stored)).toEqual([]);
  });

  it("refuses a per-token row missing a required price, and an hour-billed row without its hourly rate", () => {
    const rft = model({ id: "o4-mini-2025-04-16", aliases: [], billingUnit: "training_hour" });
    const errors = checkCatalogFile(file({ models: [model(), rft], prices: [price({ effectiveFrom: "2027-01-01", outputPerMTokUsd: null }), price({ modelId: rft.id, ...noMoney })] }), stored);
    expect(errors).toEqual([
      "prices[0].outputPerMTokUsd: Required: gpt-4o-mini-2024-07-18 is billed per token",
      "prices[1].trainingPerHourUsd: Required: o4-mini-2025-04-16 is billed per training hour",
    ]);
  });

  it("refuses a changed provider, billing unit or tokenizer of a stored model", () => {
    const errors = checkCatalogFile(file({ models: [model({ provider: "azure-openai", billingUnit: "training_hour", encoding: "cl100k_base" })], prices: [] }), stored);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^models\[0\]\.provider: .* provider never changes/);
    expect(errors[1]).toMatch(/^models\[0\]\.billingUnit: .* billing unit never changes/);
    expect(errors[2]).toMatch(/^models\[0\]\.encoding: .* not imported/);
  });

  it("refuses an alias that would name two models", () => {
    const clash = model({ id: "azure-openai:gpt-4o-mini", provider: "azure-openai", aliases: ["GPT-4o-mini"] });
    expect(checkCatalogFile(file({ models: [clash], prices: [] }), stored)).toEqual(['models[0].aliases: "gpt-4o-mini" would name both gpt-4o-mini-2024-07-18 and azure-openai:gpt-4o-mini']);
  });
});

describe("diffCatalog", () => {
  it("finds nothing to do in the catalog's own export", () => {
    const changes = diffCatalog(stored, file());
    expect(changes).toEqual([]);
    expect(formatCatalogDiff(changes)).toBe("No changes.");
    expect(describeChanges(changes)).toBe("no changes");
  });

  it("lists a new model, changed lifecycle fields and a new row against the one in force before it, old → new", () => {
    const m = model({ id: "together:new", provider: "together", aliases: [], shutdownOn: null, announcedOn: null, trainingEndsOn: null });
    const changes = diffCatalog(
      stored,
      file({
        models: [model({ shutdownOn: "2027-03-01", replacement: "gpt-5-mini" }), m],
        prices: [price(), price({ effectiveFrom: "2027-01-01", inputPerMTokUsd: "0.25", outputPerMTokUsd: "1" })],
      }),
    );
    expect(formatCatalogDiff(changes).split("\n")).toEqual([
      "~ model gpt-4o-mini-2024-07-18 shutdownOn: 2027-01-14 → 2027-03-01",
      "~ model gpt-4o-mini-2024-07-18 replacement: — → gpt-5-mini",
      "+ model together:new (together, billed per token, o200k_base)",
      "+ price gpt-4o-mini-2024-07-18 [openai] from 2027-01-01: inputPerMTokUsd 0.3 → 0.25, outputPerMTokUsd 1.2 → 1",
    ]);
    expect(describeChanges(changes)).toBe("1 new model, 1 price row, 1 lifecycle date, 1 other model field");
    expect(conflictErrors(changes)).toEqual([]);
  });

  it("prints a first row of a model in full", () => {
    const changes = diffCatalog({ models: [model()], prices: [] }, file({ prices: [price()] }));
    expect(formatCatalogDiff(changes)).toBe(
      "+ price gpt-4o-mini-2024-07-18 [openai] from 2025-04-14 (first row): trainingPerMTokUsd 3, inputPerMTokUsd 0.3, cachedInputPerMTokUsd 0.15, outputPerMTokUsd 1.2, baseInputPerMTokUsd 0.15, baseCachedInputPerMTokUsd 0.075, baseOutputPerMTokUsd 0.6",
    );
  });

  it("calls an existing (model, set, day) with other figures a conflict and refuses it", () => {
    const changes = diffCatalog(stored, file({ prices: [price({ inputPerMTokUsd: "0.25" })] }));
    expect(changes).toEqual([{ kind: "price.conflict", row: expect.objectContaining({ inputPerMTokUsd: "0.25" }), fields: [{ field: "inputPerMTokUsd", before: "0.3", after: "0.25" }] }]);
    expect(formatCatalogDiff(changes)).toBe("! conflict gpt-4o-mini-2024-07-18 [openai] from 2025-04-14: inputPerMTokUsd 0.3 → 0.25");
    expect(conflictErrors(changes)).toEqual([
      'The catalog already has a row for gpt-4o-mini-2024-07-18 in price set "openai" from 2025-04-14 with other values (inputPerMTokUsd). Price rows are never rewritten: add a row with a later effectiveFrom.',
    ]);
    expect(describeChanges(changes)).toBe("no changes");
  });

  it("keeps models and rows the file leaves out (an import never deletes)", () => {
    expect(diffCatalog(stored, file({ models: [], prices: [] }))).toEqual([]);
  });
});
