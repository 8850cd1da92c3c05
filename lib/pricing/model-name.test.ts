import { describe, expect, it } from "vitest";
import { UnknownModelError } from "./errors";
import { encodingForModel, parseModelName, resolveModel } from "./model-name";
import { SEED_MODELS } from "./seed-catalog";

describe("parseModelName", () => {
  it("takes the base between `ft:` and the next colon", () => {
    expect(parseModelName("ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:AbC123")).toEqual({
      base: "gpt-4o-mini-2024-07-18",
      fineTuned: true,
    });
  });

  it("returns a plain name as its own base", () => {
    expect(parseModelName("  gpt-4o-mini ")).toEqual({ base: "gpt-4o-mini", fineTuned: false });
  });
});

describe("resolveModel", () => {
  it("resolves snapshots and aliases, case-insensitively and trimmed", () => {
    expect(resolveModel("gpt-4o-mini", SEED_MODELS).id).toBe("gpt-4o-mini-2024-07-18");
    expect(resolveModel(" GPT-4.1 ", SEED_MODELS).id).toBe("gpt-4.1-2025-04-14");
    expect(resolveModel("gpt-3.5-turbo", SEED_MODELS).id).toBe("gpt-3.5-turbo-0125");
    expect(resolveModel("gpt-4o-2024-08-06", SEED_MODELS).id).toBe("gpt-4o-2024-08-06");
  });

  it("resolves a fine-tuned name to its base model", () => {
    expect(resolveModel("ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:AbC123", SEED_MODELS).id).toBe("gpt-4o-mini-2024-07-18");
  });

  it("sends ft:gpt-4.1-… to gpt-4.1, never to a gpt-4 entry by prefix", () => {
    const withGpt4 = [
      ...SEED_MODELS,
      { provider: "openai", id: "gpt-4-0613", aliases: ["gpt-4"], encoding: "cl100k_base", trainingContextLimit: 8192, billingUnit: "token" } as const,
    ];
    const model = resolveModel("ft:gpt-4.1-2025-04-14:org:x:id", withGpt4);
    expect(model.id).toBe("gpt-4.1-2025-04-14");
    expect(model.encoding).toBe("o200k_base");
  });

  it("does not prefix-match an unknown longer name", () => {
    expect(() => resolveModel("gpt-4o-mini-2024-07-18-extra", SEED_MODELS)).toThrow(UnknownModelError);
    expect(() => resolveModel("gpt-4", SEED_MODELS)).toThrow(UnknownModelError);
  });

  it("names up to three close matches for an unknown model", () => {
    const error = catchError(() => resolveModel("gpt-4o-mni", SEED_MODELS));
    expect(error.suggestions[0]).toBe("gpt-4o-mini");
    expect(error.suggestions.length).toBeLessThanOrEqual(3);
    expect(error.message).toMatch(/^Unknown model "gpt-4o-mni"\. Did you mean: gpt-4o-mini/);
    expect(error.code).toBe("validation_failed");
  });

  it("suggests models for a bare gpt-4 and reports the name as typed", () => {
    const error = catchError(() => resolveModel("ft:gpt-4:org:x:id", SEED_MODELS));
    expect(error.modelName).toBe("ft:gpt-4:org:x:id");
    expect(error.suggestions).toEqual(["gpt-4o", "gpt-4.1"]);
  });

  it("says so when nothing is close", () => {
    const error = catchError(() => resolveModel("claude-3-haiku", SEED_MODELS));
    expect(error.suggestions).toEqual([]);
    expect(error.message).toBe('Unknown model "claude-3-haiku"; no similar model in the catalog.');
  });
});

describe("encodingForModel", () => {
  it("comes from the catalog entry of the base model", () => {
    expect(encodingForModel("ft:gpt-3.5-turbo-0125:org::abc", SEED_MODELS)).toBe("cl100k_base");
    expect(encodingForModel("ft:gpt-4.1-mini-2025-04-14:org:x:id", SEED_MODELS)).toBe("o200k_base");
    expect(encodingForModel("gpt-4-turbo", SEED_MODELS)).toBe("cl100k_base");
  });
});

function catchError(fn: () => unknown): UnknownModelError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UnknownModelError) return error;
    throw error;
  }
  throw new Error("expected UnknownModelError");
}
