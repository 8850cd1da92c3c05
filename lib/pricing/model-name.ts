import { UnknownModelError } from "./errors";
import type { CatalogModel, Encoding } from "./types";

/** Splits a model name: `ft:<base>:<org>:<suffix>:<id>` → its base and `fineTuned: true`; a plain name is its own base. */
export function parseModelName(name: string): { base: string; fineTuned: boolean } {
  const trimmed = name.trim();
  if (!/^ft:/i.test(trimmed)) return { base: trimmed, fineTuned: false };
  const rest = trimmed.slice(3);
  const colon = rest.indexOf(":");
  return { base: colon === -1 ? rest : rest.slice(0, colon), fineTuned: true };
}

/** Resolves a model or `ft:` name to its catalog model by exact snapshot id or alias (case-insensitive); throws UnknownModelError. */
export function resolveModel(name: string, models: readonly CatalogModel[]): CatalogModel {
  const base = parseModelName(name).base.toLowerCase();
  // Exact matches only: a prefix match would send `ft:gpt-4.1-…` to a `gpt-4` entry.
  const found = models.find((m) => [m.id, ...m.aliases].some((n) => n.toLowerCase() === base));
  if (found) return found;
  throw new UnknownModelError(name.trim(), closeMatches(base, models));
}

/** The tokenizer encoding of a model or `ft:` name, taken from its catalog entry. */
export function encodingForModel(name: string, models: readonly CatalogModel[]): Encoding {
  return resolveModel(name, models).encoding;
}

function closeMatches(base: string, models: readonly CatalogModel[]): string[] {
  // Generous enough for a typo or a missing date suffix, tight enough not to suggest unrelated families.
  const threshold = Math.max(2, Math.ceil(base.length * 0.4));
  return models
    .map((m) => {
      const scored = [m.id, ...m.aliases].map((n) => ({ name: n, distance: levenshtein(base, n.toLowerCase()) }));
      return scored.reduce((best, s) => (s.distance < best.distance ? s : best));
    })
    .filter((s) => s.distance <= threshold)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 3)
    .map((s) => s.name);
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
