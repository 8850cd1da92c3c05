import { describe, expect, it } from "vitest";
import { calendarCut, estimateCalendar, modelName, servingMonthsFrom, shutdownWarning, trainingRefusal } from "./lifecycle";

const OPENAI = "https://developers.openai.com/api/docs/deprecations";
const mini = { announcedOn: "2026-05-07", trainingEndsOn: "2027-01-05", shutdownOn: "2027-01-14", replacement: null, sourceUrl: OPENAI };

describe("estimateCalendar and shutdownWarning", () => {
  it("numbers the months from month 1: a mid-month shutdown makes its month partial and the rest impossible", () => {
    const calendar = estimateCalendar("2026-12", 12, "2027-01-14");
    expect(calendar.slice(0, 3)).toEqual([
      { index: 1, month: "2026-12", servingDays: 31, daysInMonth: 31 },
      { index: 2, month: "2027-01", servingDays: 13, daysInMonth: 31 },
      { index: 3, month: "2027-02", servingDays: 0, daysInMonth: 28 },
    ]);
    expect(calendar.at(-1)).toEqual({ index: 12, month: "2027-11", servingDays: 0, daysInMonth: 30 });
    expect(shutdownWarning("gpt-4o-mini", "2027-01-14", calendar)).toBe("gpt-4o-mini stops on 14 Jan 2027: month 2 is partial (13 of 31 days); months 3–12 cannot happen.");
  });

  it("has no partial month when the shutdown is on the 1st: that month is the first that cannot happen", () => {
    const calendar = estimateCalendar("2026-11", 6, "2027-02-01");
    expect(calendar.map((m) => m.servingDays)).toEqual([30, 31, 31, 0, 0, 0]);
    expect(calendarCut(calendar)).toEqual({ partial: null, firstImpossible: 4, last: 6 });
    expect(shutdownWarning("gpt-4.1", "2027-02-01", calendar)).toBe("gpt-4.1 stops on 1 Feb 2027: months 4–6 cannot happen.");
  });

  it("says one month in the singular, and nothing when the shutdown is after the last month or there is none", () => {
    expect(shutdownWarning("m", "2027-12-31", estimateCalendar("2027-01", 12, "2027-12-31"))).toBe("m stops on 31 Dec 2027: month 12 is partial (30 of 31 days).");
    expect(shutdownWarning("m", "2027-12-01", estimateCalendar("2027-01", 12, "2027-12-01"))).toBe("m stops on 1 Dec 2027: month 12 cannot happen.");
    expect(shutdownWarning("m", "2028-01-01", estimateCalendar("2027-01", 12, "2028-01-01"))).toBeNull();
    const none = estimateCalendar("2027-01", 3, null);
    expect(none.every((m) => m.servingDays === m.daysInMonth)).toBe(true);
    expect(calendarCut(none)).toBeNull();
    expect(shutdownWarning("m", null, none)).toBeNull();
  });

  it("counts February in a leap year", () => {
    expect(estimateCalendar("2028-02", 1, "2028-02-15")[0]).toEqual({ index: 1, month: "2028-02", servingDays: 14, daysInMonth: 29 });
  });
});

describe("trainingRefusal", () => {
  it("accepts a job up to the last training day and refuses it the day after, citing the provider's page", () => {
    expect(trainingRefusal("gpt-4o-mini-2024-07-18", mini, "2027-01-05")).toBeNull();
    expect(trainingRefusal("gpt-4o-mini-2024-07-18", mini, "2027-01-06")).toBe(
      `gpt-4o-mini-2024-07-18 accepts no new fine-tuning jobs after 5 Jan 2027 (source: ${OPENAI}). Pick another base model.`,
    );
  });

  it("refuses a model already shut down on the training day, and names a replacement when the provider does", () => {
    const nano = { ...mini, trainingEndsOn: null, shutdownOn: "2026-10-23", replacement: "gpt-5-nano" };
    expect(trainingRefusal("gpt-4.1-nano-2025-04-14", nano, "2026-10-23")).toBe(
      `gpt-4.1-nano-2025-04-14 shut down on 23 Oct 2026, so it can no longer be fine-tuned on 23 Oct 2026 (source: ${OPENAI}). The provider names gpt-5-nano as its replacement. Pick another base model.`,
    );
    expect(trainingRefusal("gpt-4.1-nano-2025-04-14", nano, "2026-10-22")).toBeNull();
  });

  it("never refuses without published dates", () => {
    expect(trainingRefusal("m", null, "2099-01-01")).toBeNull();
    expect(trainingRefusal("m", { announcedOn: null, trainingEndsOn: null, shutdownOn: null, replacement: null, sourceUrl: null }, "2099-01-01")).toBeNull();
  });
});

describe("servingMonthsFrom", () => {
  it("counts whole months and the shutdown month's served share from month 1's start", () => {
    expect(servingMonthsFrom("2026-12", "2027-01-14")).toBe("1.419354838709677419354838709677419354839");
    expect(servingMonthsFrom("2026-11", "2027-02-01")).toBe("3");
    expect(servingMonthsFrom("2027-03", "2027-01-14")).toBe("0");
    expect(servingMonthsFrom("2026-12", null)).toBeNull();
  });
});

describe("modelName", () => {
  it("uses OpenAI's alias and other providers' display names", () => {
    expect(modelName({ id: "gpt-4o-mini-2024-07-18", provider: "openai", aliases: ["gpt-4o-mini"] })).toBe("gpt-4o-mini");
    expect(modelName({ id: "azure-openai:gpt-4o-mini-2024-07-18", provider: "azure-openai", aliases: [], displayName: "GPT-4o mini on Azure" })).toBe("GPT-4o mini on Azure");
  });
});
