import { describe, expect, it } from "vitest";
import { toDecimalString } from "@/lib/money/decimal";
import { asOfDayInMonth, paceProjection } from "./pace";

const pace = (cost: string, month: string, day: number) => toDecimalString(paceProjection(cost, month, day));

describe("paceProjection", () => {
  it("extrapolates February by 29 days in a leap year and 28 otherwise", () => {
    // $10 over 10 days: $1 a day.
    expect(pace("10", "2028-02", 10)).toBe("29");
    expect(pace("10", "2026-02", 10)).toBe("28");
    expect(pace("14.5", "2024-02", 29)).toBe("14.5");
  });

  it("uses the calendar length of the month", () => {
    expect(pace("15", "2026-03", 15)).toBe("31");
    expect(pace("15", "2026-04", 15)).toBe("30");
    expect(pace("0.07", "2026-01", 1)).toBe("2.17");
  });

  it("returns the actual unchanged on the month's last day", () => {
    expect(pace("123.456789", "2026-01", 31)).toBe("123.456789");
  });

  it("carries 40 significant digits when the daily rate does not terminate", () => {
    // 10 × 31 / 3 = 103.333…
    expect(pace("10", "2026-01", 3)).toBe(`103.${"3".repeat(37)}`);
  });

  it("rejects days outside the month and negative costs", () => {
    expect(() => paceProjection("1", "2026-02", 29)).toThrow(RangeError);
    expect(() => paceProjection("1", "2026-02", 0)).toThrow(RangeError);
    expect(() => paceProjection("1", "2026-02", 1.5)).toThrow(RangeError);
    expect(() => paceProjection("-1", "2026-02", 1)).toThrow(RangeError);
  });
});

describe("asOfDayInMonth", () => {
  it("reads the UTC day of an as-of date in the month", () => {
    expect(asOfDayInMonth("2028-02", "2028-02-29")).toBe(29);
    expect(asOfDayInMonth("2026-03", new Date("2026-03-15T00:00:00Z"))).toBe(15);
  });

  it("refuses a date in another month", () => {
    expect(() => asOfDayInMonth("2026-03", "2026-04-01")).toThrow(RangeError);
    expect(() => asOfDayInMonth("2026-02", "2026-02-30")).toThrow(RangeError);
  });
});
