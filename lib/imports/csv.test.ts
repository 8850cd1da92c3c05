import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow, parseCsv } from "./csv";

const cells = (text: string) => parseCsv(text).map((r) => r.cells);

describe("parseCsv (RFC 4180)", () => {
  it("reads plain records with LF, CRLF or CR line ends and a trailing line end", () => {
    expect(cells("a,b\n1,2\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(cells("a,b\r\n1,2\r\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(cells("a,b\r1,2")).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("drops a UTF-8 byte order mark so the first column name stays clean", () => {
    expect(cells("\uFEFFmonth,model\n")).toEqual([["month", "model"]]);
  });

  it("keeps commas, line breaks and doubled quotes inside quoted cells", () => {
    expect(cells('"a,b","say ""hi""","two\r\nlines",""\n')).toEqual([["a,b", 'say "hi"', "two\r\nlines", ""]]);
  });

  it("keeps empty cells, also a trailing one", () => {
    expect(cells("a,,c,\n")).toEqual([["a", "", "c", ""]]);
  });

  it("numbers each record by the line it starts on, counting line breaks inside quotes and skipping empty lines", () => {
    const records = parseCsv('h1,h2\n\n"x\ny",1\r\nz,2\n\n\nw,3');
    expect(records.map((r) => [r.line, r.cells])).toEqual([
      [1, ["h1", "h2"]],
      [3, ["x\ny", "1"]],
      [5, ["z", "2"]],
      [8, ["w", "3"]],
    ]);
  });

  it("reports a stray quote and text after a closing quote on their lines, and reads on", () => {
    const records = parseCsv('a,b\nx"y,1\n"x"y,2\nok,3\n');
    expect(records.map((r) => [r.line, r.error ?? null])).toEqual([
      [1, null],
      [2, expect.stringMatching(/quote inside an unquoted cell/)],
      [3, expect.stringMatching(/after a closing quote/)],
      [4, null],
    ]);
  });

  it("reports a quote that is never closed on the line it opens", () => {
    const [, bad] = parseCsv('a,b\n"open,1\nmore,2\n');
    expect(bad).toMatchObject({ line: 2, error: "A quoted cell opened on line 2 is never closed" });
  });

  it("reads back what csvRow writes, for any cells (formula starts defused)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "1", ",", '"', "\r", "\n", " ", "é", "'", "=", "-") });
    const defused = (c: string) => (/^[=\-\r]/.test(c) ? `'${c}` : c);
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => csvRow(r)).join("");
        expect(cells(text)).toEqual(rows.map((r) => r.map(defused)));
      }),
    );
  });
});

describe("csvCell (export)", () => {
  it("prefixes a cell a spreadsheet would run as a formula with a single quote", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r", "\0"]) {
      expect(csvCell(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  it("leaves ordinary values alone and quotes only what RFC 4180 requires", () => {
    expect(csvCell("ft:gpt-4o-mini-2024-07-18:acme:x:y")).toBe("ft:gpt-4o-mini-2024-07-18:acme:x:y");
    expect(csvCell("0.87")).toBe("0.87");
    expect(csvCell("Support, EU")).toBe('"Support, EU"');
    expect(csvCell(null)).toBe("");
    expect(csvRow(["a", null, "b\nc"])).toBe('a,,"b\nc"\r\n');
  });
});
