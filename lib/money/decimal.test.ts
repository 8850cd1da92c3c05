import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { Decimal, decimalString, formatPriceUsd, formatUsd, roundUsd, signedDecimalString, toDecimal, toDecimalString } from "./decimal";

describe("toDecimal", () => {
  it("accepts plain strings, safe integers and bigints exactly", () => {
    expect(toDecimalString(toDecimal("0.15"))).toBe("0.15");
    expect(toDecimalString(toDecimal("-2.5"))).toBe("-2.5");
    expect(toDecimalString(toDecimal(48_750))).toBe("48750");
    expect(toDecimalString(toDecimal(12345678901234567890123n))).toBe("12345678901234567890123");
  });

  it("refuses floats and unsafe integers so binary fractions never become money", () => {
    expect(() => toDecimal(0.1)).toThrow(/safe integer/);
    expect(() => toDecimal(2 ** 53)).toThrow(/safe integer/);
    expect(() => toDecimal(Number.NaN)).toThrow(TypeError);
  });

  it.each(["1e3", "0x10", "NaN", "Infinity", "", " 1", ".5", "1.", "+1", "abc"])("refuses the string %j", (s) => {
    expect(() => toDecimal(s)).toThrow(TypeError);
  });

  it("re-homes another decimal.js instance into 40-digit precision", () => {
    const foreign = new DecimalJs("1");
    // At decimal.js's default 20 digits 1/3 would keep 20 threes; ours keeps 40.
    expect(toDecimal(foreign).div(3).toFixed()).toBe(`0.${"3".repeat(40)}`);
    expect(() => toDecimal(new DecimalJs(Infinity))).toThrow(/finite/);
  });
});

describe("roundUsd", () => {
  it.each([
    ["0.585", "0.59"],
    ["0.125", "0.13"],
    ["0.124999", "0.12"],
    ["7.12", "7.12"],
    ["3511", "3511.00"],
    ["-0.005", "-0.01"],
    ["-0.001", "0.00"],
  ])("rounds %s half-up to %s", (input, expected) => {
    expect(roundUsd(input)).toBe(expected);
  });
});

describe("formatUsd", () => {
  it.each([
    ["3511", "$3,511.00"],
    ["585015", "$585,015.00"],
    ["1234567.891", "$1,234,567.89"],
    ["0.1", "$0.10"],
    ["0", "$0.00"],
    ["999.999", "$1,000.00"],
    ["-3.5", "-$3.50"],
  ])("formats %s as %s", (input, expected) => {
    expect(formatUsd(input)).toBe(expected);
  });
});

describe("toDecimalString", () => {
  it("prints exact plain notation without superfluous zeros", () => {
    expect(toDecimalString("7.1200")).toBe("7.12");
    expect(toDecimalString(new Decimal("4.875e4"))).toBe("48750");
    expect(toDecimalString(new Decimal("1e-7"))).toBe("0.0000001");
    expect(toDecimalString(new Decimal("1e21"))).toBe("1000000000000000000000");
    expect(toDecimalString("-0")).toBe("0");
  });

  it("keeps JSON of our Decimals plain too", () => {
    expect(JSON.stringify({ usd: toDecimal("0.00000015"), big: toDecimal(10n ** 25n) })).toBe('{"usd":"0.00000015","big":"10000000000000000000000000"}');
  });
});

describe("decimal string schemas", () => {
  it.each(["0.15", "12", "0", "0.025", "100"])("decimalString accepts %j", (s) => {
    expect(decimalString.safeParse(s).success).toBe(true);
  });

  it.each(["1e3", "", "-1", "abc", ".5", "1.", " 1", "1,000"])("decimalString rejects %j", (s) => {
    expect(decimalString.safeParse(s).success).toBe(false);
  });

  it("stops before later refinements see a malformed string", () => {
    const positive = decimalString.refine((v) => toDecimal(v).gt(0));
    expect(() => positive.safeParse("1e3")).not.toThrow();
    expect(positive.safeParse("1e3").success).toBe(false);
  });

  it("signedDecimalString also accepts negatives but still no exponent", () => {
    expect(signedDecimalString.safeParse("-5.5").success).toBe(true);
    expect(signedDecimalString.safeParse("-1e3").success).toBe(false);
  });
});

describe("formatPriceUsd", () => {
  it("keeps every digit of a unit price and pads to cents", () => {
    expect(formatPriceUsd("0.3")).toBe("$0.30");
    expect(formatPriceUsd("0.075")).toBe("$0.075");
    expect(formatPriceUsd("1.875")).toBe("$1.875");
    expect(formatPriceUsd("25")).toBe("$25.00");
    expect(formatPriceUsd("0.00000015")).toBe("$0.00000015");
  });
});
