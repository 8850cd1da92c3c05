// Form text → the JSON the schemas take. Whole-number fields are checked here (see `notNumbers`); other
// unparseable text goes through as is, so zod names the problem.

/** A token count as digits: "1,000,000" and "1 000 000" are how people write them. Blank → null. */
export function countOrNull(v: FormDataEntryValue | null): string | null {
  const s = String(v ?? "").replace(/[\s,_]/g, "");
  return s === "" ? null : s;
}

/** A small integer (epochs, prompt tokens, days). Blank → null; anything but a whole number → NaN (see `notNumbers`). */
export function intOrNull(v: FormDataEntryValue | null): number | null {
  const s = String(v ?? "").replace(/[\s,_]/g, "");
  if (s === "") return null;
  return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
}

/** Field errors for integer fields holding anything else; zod would only say "expected number, received NaN". */
export function notNumbers(input: Record<string, unknown>, names: readonly string[]): Record<string, string[]> | null {
  const bad = names.filter((n) => Number.isNaN(input[n]));
  return bad.length ? Object.fromEntries(bad.map((n) => [n, ["Must be a whole number"]])) : null;
}

/** A USD amount as a plain decimal string ("$1,200.50" → "1200.50"). Blank → null. */
export function usdOrNull(v: FormDataEntryValue | null): string | null {
  const s = String(v ?? "").replace(/[\s,$]/g, "");
  return s === "" ? null : s;
}

/** Trimmed text; blank → null. */
export function textOrNull(v: FormDataEntryValue | null): string | null {
  const s = String(v ?? "").trim();
  return s === "" ? null : s;
}

/** Field errors of a nested input (`model.epochs`) keyed by the form's own names (`epochs`). */
export function unprefix(fields: Record<string, string[]> | undefined, prefix: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fields ?? {})) out[key.startsWith(`${prefix}.`) ? key.slice(prefix.length + 1) : key] = messages;
  return out;
}

/** A stored count as people read it in an input: "1000000" → "1,000,000" (the parsers above strip the commas again). */
export function groupDigits(v: string | null | undefined): string {
  return v ? BigInt(v).toLocaleString("en-US") : "";
}
