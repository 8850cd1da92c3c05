import { describe, expect, it } from "vitest";
import { TOKENIZER_IDS } from "@/lib/tokens/tokenizer-ids";
import { PROVIDER_IDS } from "./providers";
import { OPENAI_EXTRAS, PROVIDER_MODELS, PROVIDER_PRICES } from "./seed-providers";
import type { SeedPrice } from "./seed-types";

const MONEY_KEYS = [
  "trainingPerMTok",
  "trainingFullPerMTok",
  "trainingDpoPerMTok",
  "trainingDpoFullPerMTok",
  "trainingPerHourUsd",
  "minTrainingChargeUsd",
  "inputPerMTok",
  "cachedInputPerMTok",
  "outputPerMTok",
  "batchInputPerMTok",
  "batchOutputPerMTok",
  "baseInputPerMTok",
  "baseCachedInputPerMTok",
  "baseOutputPerMTok",
  "hostingPerHourUsd",
  "storagePerMonthUsd",
] as const satisfies readonly (keyof SeedPrice)[];

const DECIMAL = /^\d+(\.\d+)?$/;

/** A real calendar day written YYYY-MM-DD (rejects 2026-09-31, 2026-02-30 …). */
function isRealDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Exact comparison of two non-negative decimal strings, without floating point. */
function compareDecimals(a: string, b: string): number {
  const [ai = "0", af = ""] = a.split(".");
  const [bi = "0", bf = ""] = b.split(".");
  const width = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(width, "0"));
  const y = BigInt(bi + bf.padEnd(width, "0"));
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The OpenAI snapshots (and aliases) of seed-catalog.ts, written out rather than imported: seed-catalog imports this
 * file's exports, and these tests must not depend on that file's state.
 */
const OPENAI_MODELS: Record<string, string[]> = {
  "gpt-4.1-2025-04-14": ["gpt-4.1"],
  "gpt-4.1-mini-2025-04-14": ["gpt-4.1-mini"],
  "gpt-4.1-nano-2025-04-14": ["gpt-4.1-nano"],
  "gpt-4o-2024-08-06": ["gpt-4o"],
  "gpt-4o-mini-2024-07-18": ["gpt-4o-mini"],
  "gpt-3.5-turbo-0125": ["gpt-3.5-turbo"],
  "gpt-4-turbo-2024-04-09": ["gpt-4-turbo"],
  "o4-mini-2025-04-16": ["o4-mini"],
};
const openaiIds = Object.keys(OPENAI_MODELS);
const modelById = new Map(PROVIDER_MODELS.map((m) => [m.id, m]));

describe("provider seed models", () => {
  it("has unique ids of the form <provider>:<provider's model name>", () => {
    const ids = PROVIDER_MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of PROVIDER_MODELS) {
      expect(m.provider, m.id).not.toBe("openai");
      expect(PROVIDER_IDS, m.id).toContain(m.provider);
      expect(m.id.startsWith(`${m.provider}:`), m.id).toBe(true);
      expect(m.id.length, m.id).toBeGreaterThan(m.provider.length + 1);
      expect(m.id, m.id).not.toMatch(/\s/);
      expect(openaiIds, m.id).not.toContain(m.id);
    }
  });

  it("has aliases unique case-insensitively, distinct from every id and from OpenAI's ids and aliases", () => {
    const aliases = PROVIDER_MODELS.flatMap((m) => m.aliases.map((a) => a.toLowerCase()));
    expect(new Set(aliases).size).toBe(aliases.length);
    const taken = new Set([
      ...PROVIDER_MODELS.map((m) => m.id.toLowerCase()),
      ...Object.entries(OPENAI_MODELS).flatMap(([id, aliases]) => [id, ...aliases].map((n) => n.toLowerCase())),
    ]);
    for (const a of aliases) expect(taken.has(a), a).toBe(false);
    for (const a of PROVIDER_MODELS.flatMap((m) => m.aliases)) expect(a.trim(), a).toBe(a);
  });

  it("uses known tokenizers and marks stand-ins as estimated", () => {
    for (const m of PROVIDER_MODELS) {
      expect(TOKENIZER_IDS, m.id).toContain(m.tokenizer);
      if (m.provider === "mistral" || m.id.includes("amazon.nova") || m.provider === "self-hosted") {
        expect(m.tokenizerExact, m.id).toBe(false);
      }
    }
  });

  it("gives limits as positive integers or null, and https links", () => {
    for (const m of PROVIDER_MODELS) {
      for (const n of [m.trainingContextLimit, m.maxEpochs, m.minExamples]) {
        if (n !== null) expect(Number.isInteger(n) && n > 0, m.id).toBe(true);
      }
      if (m.docsUrl !== null) expect(m.docsUrl, m.id).toMatch(/^https:\/\/\S+$/);
    }
  });

  it("dates every lifecycle with real days from an https page, training ending no later than shutdown", () => {
    for (const m of PROVIDER_MODELS) {
      const l = m.lifecycle;
      if (l === null) continue;
      expect(l.sourceUrl, m.id).toMatch(/^https:\/\/\S+$/);
      for (const day of [l.announcedOn, l.trainingEndsOn, l.shutdownOn]) {
        if (day !== null) expect(isRealDay(day), `${m.id} ${day}`).toBe(true);
      }
      if (l.trainingEndsOn !== null && l.shutdownOn !== null) expect(l.trainingEndsOn <= l.shutdownOn, m.id).toBe(true);
    }
  });

  it("covers every provider but OpenAI with at least one model and (except self-hosted) one price row", () => {
    for (const provider of PROVIDER_IDS) {
      if (provider === "openai") continue;
      expect(PROVIDER_MODELS.some((m) => m.provider === provider), provider).toBe(true);
      const rows = PROVIDER_PRICES.filter((p) => modelById.get(p.modelId)?.provider === provider);
      if (provider === "self-hosted") expect(rows, provider).toHaveLength(0);
      else expect(rows.length, provider).toBeGreaterThan(0);
    }
  });

  it("has a self-hosted GPU model billed per training hour, with no global price", () => {
    const gpu = modelById.get("self-hosted:gpu");
    expect(gpu?.trainingBilling).toBe("training_hour");
    expect(gpu?.tokenizer).toBe("llama3");
    expect(gpu?.tokenizerExact).toBe(false);
    expect(PROVIDER_PRICES.some((p) => p.modelId === "self-hosted:gpu")).toBe(false);
  });
});

describe("provider seed prices", () => {
  it("prices only catalogued models, once per model and effective date, in the list-price set", () => {
    const keys = PROVIDER_PRICES.map((p) => `${p.modelId}@${p.effectiveFrom}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of PROVIDER_PRICES) {
      expect(modelById.has(p.modelId), p.modelId).toBe(true);
      expect(p.priceSet, p.modelId).toBe("openai");
    }
  });

  it("writes every date as a real YYYY-MM-DD", () => {
    for (const p of PROVIDER_PRICES) {
      expect(isRealDay(p.effectiveFrom), p.modelId).toBe(true);
      expect(isRealDay(p.checkedOn), p.modelId).toBe(true);
    }
  });

  it("writes money as non-negative decimal strings", () => {
    for (const p of PROVIDER_PRICES) {
      for (const key of MONEY_KEYS) {
        const v = p[key];
        if (v !== null) expect(v, `${p.modelId} ${key}`).toMatch(DECIMAL);
      }
    }
  });

  it("cites an https source for every row and explains unverified rows", () => {
    for (const p of PROVIDER_PRICES) {
      expect(p.sourceUrl, p.modelId).toMatch(/^https:\/\/\S+$/);
      if (!p.verified) expect(p.note?.length ?? 0, p.modelId).toBeGreaterThan(0);
    }
  });

  it("never prices cached input above input, or batch above the full rate", () => {
    for (const p of PROVIDER_PRICES) {
      const pairs: [string | null, string | null, string][] = [
        [p.cachedInputPerMTok, p.inputPerMTok, "cached vs input"],
        [p.baseCachedInputPerMTok, p.baseInputPerMTok, "base cached vs base input"],
        [p.batchInputPerMTok, p.inputPerMTok, "batch vs input"],
        [p.batchOutputPerMTok, p.outputPerMTok, "batch vs output"],
      ];
      for (const [low, high, what] of pairs) {
        if (low !== null && high !== null) expect(compareDecimals(low, high), `${p.modelId} ${what}`).toBeLessThanOrEqual(0);
      }
    }
  });

  it("matches each row to its model's billing unit", () => {
    for (const p of PROVIDER_PRICES) {
      const model = modelById.get(p.modelId);
      if (model?.trainingBilling === "training_hour") expect(p.trainingPerHourUsd, p.modelId).not.toBeNull();
      else expect(p.trainingPerMTok, p.modelId).not.toBeNull();
    }
    for (const m of PROVIDER_MODELS.filter((x) => x.trainingBilling === "training_hour")) {
      const rows = PROVIDER_PRICES.filter((p) => p.modelId === m.id);
      for (const r of rows) expect(r.trainingPerHourUsd, m.id).not.toBeNull();
    }
  });

  it("records the facts the brief names: Together bills validation, Mistral's $4 minimum and $2 storage", () => {
    for (const p of PROVIDER_PRICES.filter((x) => x.modelId.startsWith("together:"))) expect(p.validationBilled, p.modelId).toBe(true);
    const nemo = PROVIDER_PRICES.find((p) => p.modelId === "mistral:open-mistral-nemo");
    expect(nemo?.minTrainingChargeUsd).toBe("4");
    expect(nemo?.storagePerMonthUsd).toBe("2");
  });

  it("keeps per-1K conversions exact (Bedrock Nova Micro: 0.001 per 1K training -> 1.00 per 1M)", () => {
    const micro = PROVIDER_PRICES.find((p) => p.modelId === "bedrock:amazon.nova-micro-v1:0:128k");
    expect(micro?.trainingPerMTok).toBe("1.00");
    expect(micro?.baseCachedInputPerMTok).toBe("0.00875");
  });
});

describe("OpenAI extras", () => {
  it("covers exactly the OpenAI snapshots of the seed catalog", () => {
    expect(Object.keys(OPENAI_EXTRAS).sort()).toEqual([...openaiIds].sort());
  });

  it("has decimal batch prices at or below the fine-tuned rate, real dates and https sources", () => {
    // The fine-tuned standard rates of PRICING.md, for the batch <= full check.
    const fineTuned: Record<string, [string, string]> = {
      "gpt-4.1-2025-04-14": ["3.00", "12.00"],
      "gpt-4.1-mini-2025-04-14": ["0.80", "3.20"],
      "gpt-4.1-nano-2025-04-14": ["0.20", "0.80"],
      "gpt-4o-2024-08-06": ["3.75", "15.00"],
      "gpt-4o-mini-2024-07-18": ["0.30", "1.20"],
      "gpt-3.5-turbo-0125": ["3.00", "6.00"],
    };
    for (const [id, x] of Object.entries(OPENAI_EXTRAS)) {
      expect(x.sourceUrl, id).toMatch(/^https:\/\/\S+$/);
      expect(isRealDay(x.checkedOn), id).toBe(true);
      for (const v of [x.batchInputPerMTok, x.batchOutputPerMTok]) if (v !== null) expect(v, id).toMatch(DECIMAL);
      const full = fineTuned[id];
      if (full && x.batchInputPerMTok !== null && x.batchOutputPerMTok !== null) {
        expect(compareDecimals(x.batchInputPerMTok, full[0]), id).toBeLessThanOrEqual(0);
        expect(compareDecimals(x.batchOutputPerMTok, full[1]), id).toBeLessThanOrEqual(0);
      }
      const l = x.lifecycle;
      if (l !== null) {
        expect(l.sourceUrl, id).toMatch(/^https:\/\/\S+$/);
        for (const day of [l.announcedOn, l.trainingEndsOn, l.shutdownOn]) if (day !== null) expect(isRealDay(day), `${id} ${day}`).toBe(true);
        if (l.trainingEndsOn !== null && l.shutdownOn !== null) expect(l.trainingEndsOn <= l.shutdownOn, id).toBe(true);
      }
    }
  });

  it("uses the lifecycle dates of PRICING.md", () => {
    expect(OPENAI_EXTRAS["gpt-4o-mini-2024-07-18"]?.lifecycle).toMatchObject({ announcedOn: "2026-05-07", trainingEndsOn: "2027-01-05", shutdownOn: "2027-01-14" });
    expect(OPENAI_EXTRAS["gpt-3.5-turbo-0125"]?.lifecycle?.shutdownOn).toBe("2026-10-23");
    expect(OPENAI_EXTRAS["o4-mini-2025-04-16"]?.lifecycle?.shutdownOn).toBe("2026-10-23");
  });
});
