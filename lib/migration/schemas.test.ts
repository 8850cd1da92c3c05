import { describe, expect, it } from "vitest";
import { migrationQuerySchema, planMoveSchema } from "./schemas";

describe("migrationQuerySchema", () => {
  it("takes the query string's text, coercing minContext", () => {
    expect(migrationQuerySchema.parse({ from: "2026-09", to: "2026-11", provider: "together", minContext: "32768" })).toEqual({ from: "2026-09", to: "2026-11", provider: "together", minContext: 32768 });
    expect(migrationQuerySchema.parse({})).toEqual({});
  });

  it("names the bad field", () => {
    const paths = (q: Record<string, string>) => migrationQuerySchema.safeParse(q).error?.issues.map((i) => i.path.join("."));
    expect(paths({ from: "2026-13" })).toEqual(["from"]);
    expect(paths({ provider: "acme" })).toEqual(["provider"]);
    expect(paths({ minContext: "lots" })).toEqual(["minContext"]);
    expect(paths({ minContext: "0" })).toEqual(["minContext"]);
    expect(paths({ from: "2026-11", to: "2026-09" })).toEqual(["from"]);
    expect(paths({ from: "2024-01", to: "2026-11" })).toEqual(["to"]);
    expect(paths({ extra: "1" })).toHaveLength(1);
  });
});

describe("planMoveSchema", () => {
  it("needs a model id, a target and a month", () => {
    expect(planMoveSchema.safeParse({ modelId: "00000000-0000-4000-8000-000000000000", targetModelId: "together:Qwen/Qwen3-8B", startMonth: "2027-01" }).success).toBe(true);
    const bad = planMoveSchema.safeParse({ modelId: "x", targetModelId: " ", startMonth: "January" });
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["modelId", "startMonth", "targetModelId"]);
  });
});
