import { describe, expect, it } from "vitest";
import { nearestRank, tokenHistogram } from "./report";

describe("nearestRank", () => {
  const tenValues = Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  it("takes the smallest value with at least p% of values at or below it", () => {
    expect(nearestRank(tenValues, 50)).toBe(5);
    expect(nearestRank(tenValues, 90)).toBe(9);
    expect(nearestRank(tenValues, 91)).toBe(10);
    expect(nearestRank(tenValues, 100)).toBe(10);
    expect(nearestRank(tenValues, 0)).toBe(1);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });
});

describe("tokenHistogram", () => {
  it("uses at most 20 equal integer-width buckets covering min..max", () => {
    const sorted = Uint32Array.from([10, 10, 11, 50, 99, 1_009]);
    const { bucketEdges, counts } = tokenHistogram(sorted);
    expect(counts).toHaveLength(20);
    expect(bucketEdges).toHaveLength(21);
    expect(bucketEdges[0]).toBe(10);
    expect(bucketEdges[1]).toBe(60); // width ceil(1,000 / 20) = 50
    expect(counts[0]).toBe(4);
    expect(counts[1]).toBe(1);
    expect(counts[19]).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(sorted.length);
    expect(bucketEdges[20]).toBeGreaterThan(1_009);
  });

  it("uses fewer buckets when the range is narrow", () => {
    expect(tokenHistogram(Uint32Array.from([5, 5, 7]))).toEqual({ bucketEdges: [5, 6, 7, 8], counts: [2, 0, 1] });
    expect(tokenHistogram(Uint32Array.from([42]))).toEqual({ bucketEdges: [42, 43], counts: [1] });
  });
});
