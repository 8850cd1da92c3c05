import { describe, expect, it } from "vitest";
import { budgetCrossings, deviates, deviationPct, outsideInterval } from "./deviation";

describe("deviationPct", () => {
  it("is positive over the projection and negative under it", () => {
    expect(deviationPct("125", "100")).toBe("25");
    expect(deviationPct("75", "100")).toBe("-25");
    expect(deviationPct("100", "100")).toBe("0");
    expect(deviationPct("0.01", "0.03")).toBe(`-66.${"6".repeat(37)}7`);
  });

  it("is null without an actual or a projection to divide by", () => {
    expect(deviationPct(null, "100")).toBeNull();
    expect(deviationPct("5", "0")).toBeNull();
  });
});

describe("deviates", () => {
  it("fires only strictly beyond the threshold, in either direction", () => {
    expect(deviates("120", "100", 20)).toBe(false);
    expect(deviates("80", "100", 20)).toBe(false);
    expect(deviates("120.01", "100", 20)).toBe(true);
    expect(deviates("79.99", "100", 20)).toBe(true);
    expect(deviates("125", "100", "20")).toBe(true);
  });

  it("decides the edge exactly where a rounded percentage could not", () => {
    // 1/3 over: 33.333…% is more than 33.3333333 but not more than itself.
    expect(deviates("4", "3", "33.3333333")).toBe(true);
    expect(deviates("4", "3", "34")).toBe(false);
    expect(deviates("0.36", "0.3", "20")).toBe(false);
  });

  it("never fires without an actual or a projection", () => {
    expect(deviates(null, "100", 20)).toBe(false);
    expect(deviates("50", "0", 20)).toBe(false);
    expect(() => deviates("1", "1", -5)).toThrow(RangeError);
  });
});

describe("budgetCrossings", () => {
  it("lists the default 80% and 100% thresholds an amount passes", () => {
    expect(budgetCrossings("79.99", "100")).toEqual([]);
    expect(budgetCrossings("80", "100")).toEqual([]);
    expect(budgetCrossings("80.01", "100")).toEqual([80]);
    expect(budgetCrossings("100", "100")).toEqual([80]);
    expect(budgetCrossings("100.000001", "100")).toEqual([80, 100]);
  });

  it("takes other thresholds, keeping their form", () => {
    expect(budgetCrossings("95", "100", ["50", "90.5", "150"])).toEqual(["50", "90.5"]);
  });

  it("has nothing to cross without a budget; a zero budget is crossed by any spending", () => {
    expect(budgetCrossings("1000", null)).toEqual([]);
    expect(budgetCrossings("0", "0")).toEqual([]);
    expect(budgetCrossings("0.01", "0")).toEqual([80, 100]);
  });
});

describe("outsideInterval", () => {
  it("is inside on the bounds and outside past them", () => {
    expect(outsideInterval("10", "10", "20")).toBe(false);
    expect(outsideInterval("20", "10", "20")).toBe(false);
    expect(outsideInterval("9.99", "10", "20")).toBe(true);
    expect(outsideInterval("20.01", "10", "20")).toBe(true);
    expect(outsideInterval(null, "10", "20")).toBe(false);
    expect(() => outsideInterval("1", "20", "10")).toThrow(RangeError);
  });
});
