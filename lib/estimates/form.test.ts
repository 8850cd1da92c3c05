import { describe, expect, it } from "vitest";
import { CUSTOM_PRICES, defaultForm, defaultModelId, FIELD_PATHS, formFromQuery, formToInput, formToQuery, hasFormInputs, type CalculatorForm } from "./form";
import { calculatorInputSchema } from "./schemas";

const models = [{ id: "gpt-4o-mini-2024-07-18", aliases: ["gpt-4o-mini"] }];
const blank = defaultForm("gpt-4o-mini-2024-07-18", "openai");

describe("calculator form", () => {
  it("turns typed text into the calculator input: separators allowed, blanks left to defaults", () => {
    const form: CalculatorForm = { ...blank, trainingTokens: "1,000,000", inputTokens: "150_000_000", outputTokens: " 450000000 ", months: "", inputPerMTok: "0.2" };
    const parsed = calculatorInputSchema.parse(formToInput(form));
    expect(parsed).toMatchObject({
      baseModel: "gpt-4o-mini-2024-07-18",
      priceSet: "openai",
      prices: { inputPerMTok: "0.2" },
      training: { tokens: 1_000_000, epochs: 3 },
      usage: { period: "month", inputTokens: 150_000_000, outputTokens: 450_000_000 },
      months: 12,
    });
    expect(parsed.breakEven).toBeUndefined();
    expect([parsed.trainingOn, parsed.firstMonth]).toEqual([undefined, undefined]);
    expect(calculatorInputSchema.parse(formToInput({ ...form, trainingOn: " 2027-01-05 ", firstMonth: "2027-02" }))).toMatchObject({ trainingOn: "2027-01-05", firstMonth: "2027-02" });
    expect(parsed.usage.cachedInputTokens).toBeUndefined();
  });

  it("sends custom prices without a model or price set", () => {
    const input = formToInput({ ...blank, model: CUSTOM_PRICES, trainingPerMTok: "1" });
    expect(input).toMatchObject({ baseModel: undefined, priceSet: undefined, prices: { trainingPerMTok: "1" } });
  });

  it("puts every validation error where a form field shows it", () => {
    const bad: CalculatorForm = {
      ...blank,
      model: "",
      priceSet: "",
      ...Object.fromEntries(["trainingPerMTok", "inputPerMTok", "cachedInputPerMTok", "outputPerMTok", "baseInputPerMTok", "baseCachedInputPerMTok", "baseOutputPerMTok", "hostingPerHourUsd", "storagePerMonthUsd"].map((f) => [f, "1e3"])),
      trainingTokens: "-1",
      epochs: "0",
      trainingMethod: "rlhf",
      fineTuneType: "half",
      validationTokens: "-1",
      evaluations: "some",
      trainingOn: "2026-02-30",
      firstMonth: "2026-13",
      hostingHoursPerMonth: "-3",
      period: "week",
      inputTokens: "ten",
      cachedInputTokens: "1.5",
      outputTokens: "",
      daysPerMonth: "32",
      monthlyGrowthPct: "-100",
      retryBufferPct: "101",
      months: "0",
      basePromptTokens: "x",
      fineTunedPromptTokens: "-5",
      requestOutputTokens: "y",
      requestsPerMonth: "0",
    };
    const result = calculatorInputSchema.safeParse(formToInput(bad));
    const paths = new Set(result.error?.issues.map((i) => i.path.join(".")));
    const shown = Object.values(FIELD_PATHS).filter((p) => paths.has(p));
    // All but baseModel and priceSet (blank means "not given": the prices then become required instead).
    expect(shown.sort()).toEqual(Object.values(FIELD_PATHS).filter((p) => p !== "baseModel" && p !== "priceSet").sort());
    expect([...paths].filter((p) => !Object.values(FIELD_PATHS).includes(p))).toEqual([]);
  });

  it("round-trips through the URL, resolving a model alias to its catalog id", () => {
    const form: CalculatorForm = { ...blank, model: "custom", trainingPerMTok: "1.5", trainingTokens: "100000", requestsPerMonth: "1000" };
    const query = Object.fromEntries(new URLSearchParams(formToQuery(form)));
    expect(hasFormInputs(query, blank)).toBe(true);
    expect(formFromQuery(query, blank, models)).toEqual(form);
    expect(formFromQuery({ model: "GPT-4o-mini", utm_source: "x" }, blank, models).model).toBe("gpt-4o-mini-2024-07-18");
    expect(hasFormInputs({ utm_source: "x" }, blank)).toBe(false);
  });
});

describe("defaultModelId", () => {
  const catalog = [
    { id: "gpt-4.1-mini-2025-04-14", aliases: ["gpt-4.1-mini"], billingUnit: "token", lifecycle: { trainingEndsOn: "2027-01-05", shutdownOn: "2027-01-14" } },
    { id: "gpt-4o-mini-2024-07-18", aliases: ["gpt-4o-mini"], billingUnit: "token", lifecycle: { trainingEndsOn: "2027-01-05", shutdownOn: "2027-01-14" } },
    { id: "o4-mini-2025-04-16", aliases: ["o4-mini"], billingUnit: "training_hour", lifecycle: null },
    { id: "together:llama", aliases: [], billingUnit: "token", lifecycle: null },
  ];
  it("starts on the preferred model while it can be trained, else on the first per-token model that can", () => {
    expect(defaultModelId(catalog, "gpt-4o-mini", "2027-01-05")).toBe("gpt-4o-mini-2024-07-18");
    expect(defaultModelId(catalog, "gpt-4o-mini", "2027-01-06")).toBe("together:llama");
  });
});
