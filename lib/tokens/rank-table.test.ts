import { describe, expect, it } from "vitest";
import { NO_RANK, RankTable } from "./rank-table";

// An independent reading of the same rank data (split + atob + Map), to check the hand-written base64 decoder and the
// hash table against: every token found with its rank, nothing else found.
function naiveRanks(bpeRanks: string): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const line of bpeRanks.split("\n").filter(Boolean)) {
    const [, first, ...tokens] = line.split(" ");
    tokens.forEach((token, i) => ranks.set(atob(token), Number(first) + i));
  }
  return ranks;
}
const bytesOf = (binary: string) => Uint8Array.from(binary, (c) => c.charCodeAt(0));

describe.each(["o200k_base", "cl100k_base"] as const)("RankTable (%s)", (encoding) => {
  it("finds every token of the rank data with its rank, and no other byte string", async () => {
    const { default: bpe } = await (encoding === "o200k_base" ? import("js-tiktoken/ranks/o200k_base") : import("js-tiktoken/ranks/cl100k_base"));
    const table = new RankTable(bpe.bpe_ranks);
    const expected = naiveRanks(bpe.bpe_ranks);
    expect(table.size).toBe(expected.size);
    let mismatches = 0;
    for (const [token, rank] of expected) if (table.get(bytesOf(token), 0, token.length) !== rank) mismatches++;
    expect(mismatches).toBe(0);

    // A byte range inside a larger buffer, and byte strings that are not tokens.
    const padded = bytesOf(`xx${" the"}yy`);
    expect(table.get(padded, 2, 6)).toBe(expected.get(" the"));
    for (const probe of ["\u00ff\u00fe\u00fd\u00fc", "zzzzqqqqxxxxjjjj", ""]) {
      expect(expected.has(probe)).toBe(false);
      expect(table.get(bytesOf(probe), 0, probe.length)).toBe(NO_RANK);
    }
  }, 30_000);
});

it("refuses rank data that is not base64 (the counter then falls back to js-tiktoken)", () => {
  expect(() => new RankTable("! 0 QQ== Qg== *!*")).toThrow(/not base64/);
  expect(new RankTable("! 0 QQ== Qg==\n! 2 QUI=").size).toBe(3);
});
