import { describe, expect, it } from "vitest";
import { toDecimal, toDecimalString } from "@/lib/money/decimal";
import { getPricesForMonthOrThrow, getPricesInForceOrThrow, monthStart, type PriceRow } from "./effective";
import { NoPriceError } from "./errors";
import { seedPriceRows } from "./seed-catalog";

const MINI = "gpt-4o-mini-2024-07-18";

function row(effectiveFrom: string, inputPerMTok: string, extra: Partial<PriceRow> = {}): PriceRow {
  const seed = seedPriceRows().find((r) => r.modelId === MINI && r.priceSet === "openai");
  if (!seed || seed.billingUnit !== "token") throw new Error("seed row missing");
  return { ...seed, effectiveFrom: new Date(`${effectiveFrom}T00:00:00Z`), inputPerMTok: toDecimal(inputPerMTok), ...extra } as PriceRow;
}

const rows: PriceRow[] = [
  row("2025-04-14", "0.30"),
  row("2025-08-15", "0.25"),
  row("2025-06-01", "0.20", { teamId: "team-a" }),
  row("2025-01-01", "9.99", { priceSet: "article-2026" }),
  row("2025-01-01", "8.88", { teamId: "team-a", priceSet: "article-2026" }),
];

const inputPriceOn = (date: string, teamId: string | null) =>
  toDecimalString(getPricesInForceOrThrow(rows, { modelId: MINI, teamId, date: new Date(date) }).inputPerMTok ?? "0");

const inputPriceForMonth = (month: string, teamId: string | null) =>
  toDecimalString(getPricesForMonthOrThrow(rows, { modelId: MINI, teamId, month }).inputPerMTok ?? "0");

describe("getPricesInForceOrThrow", () => {
  it("uses the latest global row in force on the day", () => {
    expect(inputPriceOn("2025-04-14", null)).toBe("0.3");
    expect(inputPriceOn("2025-08-14T23:59:59Z", null)).toBe("0.3");
    expect(inputPriceOn("2025-08-15T00:00:00Z", null)).toBe("0.25");
  });

  it("applies a team override only to that team and only from its effectiveFrom", () => {
    expect(inputPriceOn("2025-05-31", "team-a")).toBe("0.3");
    expect(inputPriceOn("2025-06-01", "team-a")).toBe("0.2");
    expect(inputPriceOn("2025-06-01", "team-b")).toBe("0.3");
    expect(inputPriceOn("2025-06-01", null)).toBe("0.3");
  });

  it("keeps a team override in force over a newer global row", () => {
    expect(inputPriceOn("2025-09-01", "team-a")).toBe("0.2");
    expect(inputPriceOn("2025-09-01", "team-b")).toBe("0.25");
  });

  it("ignores rows of other price sets, overrides included, and reads a named set on request", () => {
    expect(getPricesInForceOrThrow(rows, { modelId: MINI, teamId: null, date: new Date("2025-03-01"), priceSet: "article-2026" }).inputPerMTok?.toFixed()).toBe("9.99");
    expect(getPricesInForceOrThrow(rows, { modelId: MINI, teamId: "team-a", date: new Date("2025-03-01"), priceSet: "article-2026" }).inputPerMTok?.toFixed()).toBe("8.88");
  });

  it("throws NoPriceError naming the model, day and set when nothing is in force", () => {
    const early = () => getPricesInForceOrThrow(rows, { modelId: MINI, teamId: "team-a", date: new Date("2025-04-13T12:00:00Z") });
    expect(early).toThrow(NoPriceError);
    expect(early).toThrow(`No price for ${MINI} in force on 2025-04-13 (price set "openai").`);
    expect(() => getPricesInForceOrThrow(rows, { modelId: "gpt-4o-2024-08-06", teamId: null, date: new Date("2025-05-01") })).toThrow(
      'No price for gpt-4o-2024-08-06 in force on 2025-05-01 (price set "openai").',
    );
  });

  it("refuses to pick between two rows starting the same day", () => {
    const duplicated = [...rows, row("2025-08-15", "0.26")];
    expect(() => getPricesInForceOrThrow(duplicated, { modelId: MINI, teamId: null, date: new Date("2025-09-01") })).toThrow(/same day/);
  });
});

describe("monthly pricing", () => {
  it("prices a month at the prices in force on its first day, so a later price changes only later months", () => {
    const months = ["2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10"];
    expect(months.map((m) => inputPriceForMonth(m, null))).toEqual(["0.3", "0.3", "0.3", "0.3", "0.25", "0.25"]);
    expect(months.map((m) => inputPriceForMonth(m, "team-a"))).toEqual(["0.3", "0.2", "0.2", "0.2", "0.2", "0.2"]);
  });

  it("monthStart parses YYYY-MM as the first UTC day and rejects anything else", () => {
    expect(monthStart("2025-02").toISOString()).toBe("2025-02-01T00:00:00.000Z");
    expect(monthStart("2025-12").toISOString()).toBe("2025-12-01T00:00:00.000Z");
    for (const bad of ["2025-13", "2025-00", "2025-1", "25-01", "2025-01-01"]) {
      expect(() => monthStart(bad)).toThrow(RangeError);
    }
  });
});
