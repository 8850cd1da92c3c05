import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("toCsv", () => {
  it("keeps exact decimals and negative numbers, quotes commas and quotes, and neutralises formulas", () => {
    expect(toCsv(["Month", "Actual"], [["2026-01", "1234.5678901234"], ["2026-02", null], ['A, "B"', "-5"]])).toBe(
      'Month,Actual\r\n2026-01,1234.5678901234\r\n2026-02,\r\n"A, ""B""",-5\r\n',
    );
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("@x")).toBe("'@x");
  });
});
