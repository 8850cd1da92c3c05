/**
 * RFC 4180 CSV, both ways. Reading keeps the physical line each record starts on, so an import can name the line a
 * user sees in their editor; writing quotes per RFC 4180 and defuses spreadsheet formulas (OWASP "CSV injection").
 */

/** One record: the 1-based line it starts on, its cells, and why it is malformed when it is. */
export interface CsvRecord {
  line: number;
  cells: string[];
  error?: string;
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Splits CSV text into records. Accepts a UTF-8 BOM, CRLF, LF or CR line ends, quoted cells with commas, line breaks
 * and doubled quotes, and a trailing line end. Empty lines are skipped. A malformed record (a stray quote, an
 * unclosed quote) comes back with `error` set; reading goes on at the next line so every bad line is reported.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  /** Consumes one line end at `i` if there is one. */
  const lineEnd = (): boolean => {
    const c = text.charCodeAt(i);
    if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    else if (c === LF) i += 1;
    else return false;
    line += 1;
    return true;
  };
  const skipToLineEnd = () => {
    while (i < n && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i += 1;
  };

  while (i < n) {
    if (lineEnd()) continue; // an empty line
    const record: CsvRecord = { line, cells: [] };
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const opened = line;
        let cell = "";
        let from = ++i;
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            cell += text.slice(from, i);
            if (text.charCodeAt(i + 1) === QUOTE) {
              cell += '"';
              i += 2;
              from = i;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          // A line break inside quotes is part of the cell but still a new line in the user's editor.
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line += 1;
          i += 1;
        }
        if (!closed) {
          record.cells.push(cell + text.slice(from));
          record.error = `A quoted cell opened on line ${opened} is never closed`;
          i = n;
          break;
        }
        record.cells.push(cell);
        const next = text.charCodeAt(i);
        if (i < n && next !== COMMA && next !== CR && next !== LF) {
          record.error ??= 'Text after a closing quote: quote the whole cell and write a quote inside it as ""';
          skipToLineEnd();
        }
      } else {
        const from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          if (c === QUOTE) record.error ??= 'A quote inside an unquoted cell: quote the whole cell and write a quote inside it as ""';
          i += 1;
        }
        record.cells.push(text.slice(from, i));
      }
      if (text.charCodeAt(i) === COMMA) {
        i += 1;
        continue;
      }
      break;
    }
    lineEnd();
    records.push(record);
  }
  return records;
}

// Spreadsheets run a cell starting with these as a formula (OWASP; ASVS 1.2.10 adds NUL).
const FORMULA_START = /^[=+\-@\t\r\0]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell of an exported CSV: a leading formula character gets a `'` so spreadsheets show it as text. */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One exported record with its CRLF line end (RFC 4180). */
export function csvRow(cells: ReadonlyArray<string | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
