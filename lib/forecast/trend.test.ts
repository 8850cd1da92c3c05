import { describe, expect, it } from "vitest";
import { addMonths, monthsBetween } from "./month";
import { NORMAL_Q90, studentTQ90 } from "./student-t";
import { estimateToDecimalString, type MonthlyCost, trendForecast } from "./trend";

const series = (start: string, costs: readonly (string | null)[]): MonthlyCost[] =>
  costs.flatMap((costUsd, i) => (costUsd === null ? [] : [{ month: addMonths(start, i), costUsd }]));
const num = (s: string) => Number(s);

/** The textbook OLS formulas written out independently of trend.ts (uncentred sums, explicit intercept). */
function referenceOls(points: readonly { x: number; y: number }[], x0: number) {
  const n = points.length;
  const sx = points.reduce((a, p) => a + p.x, 0);
  const sy = points.reduce((a, p) => a + p.y, 0);
  const sxy = points.reduce((a, p) => a + p.x * p.y, 0);
  const sxx = points.reduce((a, p) => a + p.x * p.x, 0);
  const b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const a = (sy - b * sx) / n;
  const sse = points.reduce((acc, p) => acc + (p.y - a - b * p.x) ** 2, 0);
  const s = Math.sqrt(sse / (n - 2));
  const xBar = sx / n;
  const halfWidth = studentTQ90(n - 2) * s * Math.sqrt(1 + 1 / n + (x0 - xBar) ** 2 / (sxx - n * xBar * xBar));
  return { a, b, s, yHat: a + b * x0, halfWidth };
}

describe("studentTQ90", () => {
  it("tables the 0.90 quantiles and approaches the normal one", () => {
    expect(studentTQ90(1)).toBe(3.0777);
    expect(studentTQ90(2)).toBe(1.8856);
    expect(studentTQ90(30)).toBe(1.3104);
    // Beyond the table, scipy.stats.t.ppf(0.9, df) to 4 decimals.
    expect(studentTQ90(31)).toBeCloseTo(1.3095, 4);
    expect(studentTQ90(40)).toBeCloseTo(1.3031, 4);
    expect(studentTQ90(100_000)).toBeCloseTo(NORMAL_Q90, 4);
    expect(() => studentTQ90(0)).toThrow(RangeError);
  });

  it("never rises with more degrees of freedom", () => {
    for (let df = 1; df < 200; df++) expect(studentTQ90(df + 1)).toBeLessThanOrEqual(studentTQ90(df));
  });
});

describe("trendForecast with least squares (the default)", () => {
  it("forecasts a perfectly linear series exactly, with a zero-width interval", () => {
    const forecast = trendForecast(series("2026-01", ["100.5", "112.75", "125", "137.25", "149.5"]), "2026-08")!;
    expect(forecast.method).toBe("ols");
    // 100.5 + 12.25 × 7
    expect(num(forecast.projectedUsd)).toBeCloseTo(186.25, 9);
    expect(num(forecast.highUsd) - num(forecast.lowUsd)).toBeLessThan(1e-9);
    expect(num(forecast.slopeUsdPerMonth)).toBeCloseTo(12.25, 9);
    expect(forecast).toMatchObject({ observations: 5, horizon: 3, alpha: null, beta: null });
  });

  it("matches a hand computation on three points", () => {
    // y = 1, 5, 2 at x = 0, 1, 2: b = 1/2, a = 13/6, SSE = 49/6 (s² = 49/6 with 1 d.f.), x̄ = 1, Sxx = 2.
    // At x₀ = 3: ŷ = 13/6 + 3/2 = 11/3; half-width = 3.0777 · √(49/6) · √(1 + 1/3 + 4/2) = 3.0777 · 7√5 / 3.
    const forecast = trendForecast(series("2026-01", ["1", "5", "2"]), "2026-04")!;
    const halfWidth = (3.0777 * 7 * Math.sqrt(5)) / 3;
    expect(num(forecast.projectedUsd)).toBeCloseTo(11 / 3, 9);
    expect(num(forecast.halfWidthUsd)).toBeCloseTo(halfWidth, 9);
    expect(num(forecast.highUsd)).toBeCloseTo(11 / 3 + halfWidth, 9);
    expect(num(forecast.residualSdUsd)).toBeCloseTo(Math.sqrt(49 / 6), 9);
    // 11/3 − 16.06 is below zero, and a cost cannot be.
    expect(forecast.lowUsd).toBe("0");
  });

  it("matches the reference formulas and scipy on a noisy series, at several horizons", () => {
    const costs = ["100", "130", "118", "160", "171", "190"];
    for (const [month, scipy] of [
      // numpy.polyfit + scipy.stats.t.ppf(0.9, 4): (ŷ, low, high)
      ["2026-07", [206.333333333, 182.875333012, 229.791333654]],
      ["2026-09", [241.476190476, 212.261603957, 270.690776995]],
    ] as const) {
      const forecast = trendForecast(series("2026-01", costs), month)!;
      const x0 = monthsBetween("2026-01", month);
      const ref = referenceOls(costs.map((y, x) => ({ x, y: Number(y) })), x0);
      expect(num(forecast.projectedUsd)).toBeCloseTo(ref.yHat, 9);
      expect(num(forecast.halfWidthUsd)).toBeCloseTo(ref.halfWidth, 9);
      expect(num(forecast.slopeUsdPerMonth)).toBeCloseTo(ref.b, 9);
      expect(num(forecast.residualSdUsd)).toBeCloseTo(ref.s, 9);
      // Our t quantile has 4 decimals, so a 1e-4-relative agreement with scipy's exact quantile is all there is.
      expect(num(forecast.projectedUsd)).toBeCloseTo(scipy[0], 6);
      expect(num(forecast.lowUsd) / scipy[1]).toBeCloseTo(1, 4);
      expect(num(forecast.highUsd) / scipy[2]).toBeCloseTo(1, 4);
    }
  });

  it("treats gaps as missing months and fits the months present at their real positions", () => {
    // Months 0, 1, 3, 4, 6; numpy.polyfit gives a = 10.539473684, b = 0.914473684, s = 1.659138701.
    const withGaps = series("2026-01", ["10.5", "12.25", null, "11", "15.75", null, "16"]);
    const forecast = trendForecast(withGaps, "2026-10")!;
    const ref = referenceOls([0, 1, 3, 4, 6].map((x, i) => ({ x, y: Number(withGaps[i]!.costUsd) })), 9);
    expect(ref.a).toBeCloseTo(10.539473684, 8);
    expect(num(forecast.projectedUsd)).toBeCloseTo(ref.yHat, 9);
    expect(num(forecast.halfWidthUsd)).toBeCloseTo(ref.halfWidth, 9);
    expect(forecast).toMatchObject({ observations: 5, horizon: 3 });
    // Reading the gaps as $0 months would have pulled the line down.
    const asZero = trendForecast(series("2026-01", ["10.5", "12.25", "0", "11", "15.75", "0", "16"]), "2026-10")!;
    expect(num(asZero.projectedUsd)).toBeLessThan(num(forecast.projectedUsd));
  });

  it("needs three months of actuals", () => {
    expect(trendForecast([], "2026-04")).toBeNull();
    expect(trendForecast(series("2026-01", ["1", "2"]), "2026-04")).toBeNull();
    expect(trendForecast(series("2026-01", ["1", "2", "3"]), "2026-04")).not.toBeNull();
  });

  it("fits the latest 12 months unless told otherwise", () => {
    // Flat at 50 for a year, then a steady climb of 10 a month: the recent line, not the whole history.
    const costs = [...Array<string>(12).fill("50"), ...Array.from({ length: 12 }, (_, i) => String(60 + 10 * i))];
    const recent = trendForecast(series("2024-01", costs), "2026-01")!;
    expect(num(recent.projectedUsd)).toBeCloseTo(180, 9);
    expect(recent.observations).toBe(12);
    const all = trendForecast(series("2024-01", costs), "2026-01", { maxObservations: Infinity })!;
    expect(all.observations).toBe(24);
    expect(num(all.projectedUsd)).toBeLessThan(180);
  });

  it("clamps a falling trend at zero: point forecast and both bounds", () => {
    const forecast = trendForecast(series("2026-01", ["300", "200", "100", "10"]), "2026-12")!;
    expect(forecast.projectedUsd).toBe("0");
    expect(forecast.lowUsd).toBe("0");
    expect(num(forecast.slopeUsdPerMonth)).toBeLessThan(0);
  });

  it("accepts months in any order but rejects duplicates, negatives and forecasting the past", () => {
    const shuffled = [...series("2026-01", ["3", "1", "2", "4"])].reverse();
    expect(trendForecast(shuffled, "2026-05")).toEqual(trendForecast(series("2026-01", ["3", "1", "2", "4"]), "2026-05"));
    const twice = [...series("2026-01", ["1", "2", "3"]), { month: "2026-02", costUsd: "2" }];
    expect(() => trendForecast(twice, "2026-05")).toThrow("appears twice");
    expect(() => trendForecast(series("2026-01", ["1", "-2", "3"]), "2026-05")).toThrow(RangeError);
    expect(() => trendForecast(series("2026-01", ["1", "2", "3"]), "2026-03")).toThrow(RangeError);
    expect(() => trendForecast(series("2026-01", ["1", "2", "3"]), "2026-04", { maxObservations: 2 })).toThrow(RangeError);
  });
});

describe("trendForecast with Holt's linear method", () => {
  it("forecasts an exactly constant series as that constant with no interval", () => {
    const forecast = trendForecast(series("2026-01", Array<string>(8).fill("42.5")), "2026-12", { method: "holt" })!;
    expect(forecast).toMatchObject({ method: "holt", projectedUsd: "42.5", lowUsd: "42.5", highUsd: "42.5", alpha: 0.1, beta: 0.1 });
  });

  it("converges to the constant after a disturbed start", () => {
    // The start trend (y₂ − y₁ = 30) is wrong; the smoothing must wash it out.
    const costs = ["70", "100", ...Array<string>(22).fill("100")];
    const forecast = trendForecast(series("2024-01", costs), "2026-01", { method: "holt", maxObservations: Infinity })!;
    expect(Math.abs(num(forecast.projectedUsd) - 100)).toBeLessThan(1e-3);
    expect(Math.abs(num(forecast.slopeUsdPerMonth))).toBeLessThan(1e-3);
  });

  it("follows a linear series exactly", () => {
    const forecast = trendForecast(series("2026-01", ["10", "20", "30", "40", "50"]), "2026-08", { method: "holt" })!;
    expect(num(forecast.projectedUsd)).toBeCloseTo(80, 9);
    expect(num(forecast.halfWidthUsd)).toBeCloseTo(0, 9);
  });

  it("widens the interval by the ETS(A,A,N) variance formula", () => {
    const costs = ["100", "130", "118", "160", "171", "190", "185", "220"];
    const one = trendForecast(series("2026-01", costs), "2026-09", { method: "holt" })!;
    const h = 4;
    const four = trendForecast(series("2026-01", costs), addMonths("2026-08", h), { method: "holt" })!;
    expect(four.alpha).toBe(one.alpha);
    const alpha = one.alpha!;
    const beta = alpha * one.beta!; // the state-space β = α·β*
    const sigma = num(one.halfWidthUsd) / NORMAL_Q90;
    expect(sigma).toBeCloseTo(num(one.residualSdUsd), 8);
    // Hyndman et al. (2008), class 1: σ_h² = σ²[1 + (h−1)(α² + αβh + β²h(2h−1)/6)]
    const closedForm = sigma * Math.sqrt(1 + (h - 1) * (alpha ** 2 + alpha * beta * h + (beta ** 2 * h * (2 * h - 1)) / 6));
    expect(num(four.halfWidthUsd)).toBeCloseTo(NORMAL_Q90 * closedForm, 8);
    expect(num(four.halfWidthUsd)).toBeGreaterThan(num(one.halfWidthUsd));
  });

  it("chooses α and β* by the smallest one-step SSE on the 0.1 grid", () => {
    const costs = ["100", "130", "118", "160", "171", "190", "185", "220"].map(Number);
    const sse = (alpha: number, beta: number) => {
      let level = costs[0]!;
      let trend = costs[1]! - costs[0]!;
      let total = 0;
      costs.slice(1).forEach((y, i) => {
        if (i >= 1) total += (y - level - trend) ** 2;
        const next = alpha * y + (1 - alpha) * (level + trend);
        trend = beta * (next - level) + (1 - beta) * trend;
        level = next;
      });
      return total;
    };
    const forecast = trendForecast(series("2026-01", costs.map(String)), "2026-09", { method: "holt" })!;
    const chosen = sse(forecast.alpha!, forecast.beta!);
    for (let a = 1; a <= 9; a++) for (let b = 1; b <= 9; b++) expect(chosen).toBeLessThanOrEqual(sse(a / 10, b / 10));
    expect(num(forecast.residualSdUsd)).toBeCloseTo(Math.sqrt(chosen / (costs.length - 2)), 8);
  });

  it("fits only the latest run of consecutive months", () => {
    const withGap = series("2026-01", ["500", "900", null, "10", "20", "30"]);
    const forecast = trendForecast(withGap, "2026-07", { method: "holt" })!;
    expect(forecast.observations).toBe(3);
    expect(num(forecast.projectedUsd)).toBeCloseTo(40, 9);
    expect(trendForecast(series("2026-01", ["1", "2", "3", null, "4", "5"]), "2026-07", { method: "holt" })).toBeNull();
  });
});

describe("estimateToDecimalString", () => {
  it("carries 10 decimal places in canonical form", () => {
    expect(estimateToDecimalString(1 / 3)).toBe("0.3333333333");
    expect(estimateToDecimalString(186.25000000000003)).toBe("186.25");
    expect(estimateToDecimalString(-1e-15)).toBe("0");
    expect(estimateToDecimalString(-12.5)).toBe("-12.5");
    expect(() => estimateToDecimalString(Number.NaN)).toThrow(RangeError);
    expect(() => estimateToDecimalString(1e21)).toThrow(RangeError);
  });
});
