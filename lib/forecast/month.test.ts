import { describe, expect, it } from "vitest";
import { addMonths, compareMonths, daysInMonth, monthOf, monthRange, monthsBetween, parseMonth } from "./month";

describe("month arithmetic", () => {
  it("adds months across year ends, both ways", () => {
    expect(addMonths("2026-11", 3)).toBe("2027-02");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-05", 0)).toBe("2026-05");
    expect(addMonths("2026-05", -29)).toBe("2023-12");
    expect(addMonths("2026-05", 24)).toBe("2028-05");
  });

  it("counts whole months between two months, negative backwards", () => {
    expect(monthsBetween("2026-11", "2027-02")).toBe(3);
    expect(monthsBetween("2027-02", "2026-11")).toBe(-3);
    expect(monthsBetween("2026-03", "2026-03")).toBe(0);
    expect(Math.sign(compareMonths("2025-12", "2026-01"))).toBe(-1);
  });

  it("knows the length of every month, leap years included", () => {
    expect(["2026-01", "2026-02", "2026-04", "2026-12"].map(daysInMonth)).toEqual([31, 28, 30, 31]);
    expect(daysInMonth("2028-02")).toBe(29);
    expect(daysInMonth("2000-02")).toBe(29);
    expect(daysInMonth("2100-02")).toBe(28);
    expect(daysInMonth("0004-02")).toBe(29); // Date.UTC would have read year 4 as 1904
  });

  it("lists a range with both ends included", () => {
    expect(monthRange("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthRange("2026-03", "2026-03")).toEqual(["2026-03"]);
    expect(monthRange("2026-04", "2026-03")).toEqual([]);
  });

  it("finds the UTC month of a date", () => {
    expect(monthOf(new Date("2026-03-31T23:30:00Z"))).toBe("2026-03");
    expect(monthOf(new Date("2026-04-01T00:00:00Z"))).toBe("2026-04");
  });

  it("rejects anything but YYYY-MM", () => {
    for (const bad of ["2026-13", "2026-00", "2026-1", "26-01", "2026-01-01", ""]) {
      expect(() => parseMonth(bad)).toThrow(RangeError);
    }
    expect(() => addMonths("9999-12", 1)).toThrow(RangeError);
    expect(() => addMonths("2026-01", 0.5)).toThrow(RangeError);
  });
});
