import { describe, expect, it } from "vitest";
import { auditDiff } from "./diff";

describe("auditDiff", () => {
  it("marks exactly the fields whose values differ, keeping exact decimal strings", () => {
    const rows = auditDiff({ inputTokens: "1000", costUsd: "0.15", asOf: null }, { inputTokens: "2000", costUsd: "0.15", asOf: "2026-03-10" });
    expect(rows).toEqual([
      { field: "inputTokens", before: "1000", after: "2000", changed: true },
      { field: "costUsd", before: "0.15", after: "0.15", changed: false },
      { field: "asOf", before: null, after: "2026-03-10", changed: true },
    ]);
  });

  it("shows a creation (no before) and a deletion (no after) field by field", () => {
    expect(auditDiff(null, { name: "Bot", archived: false })).toEqual([
      { field: "name", before: null, after: "Bot", changed: true },
      { field: "archived", before: null, after: "false", changed: true },
    ]);
    expect(auditDiff({ url: "https://x.test/" }, null)).toEqual([{ field: "url", before: "https://x.test/", after: null, changed: true }]);
  });

  it("lists fields only the before value has, and renders nested values as JSON", () => {
    expect(auditDiff({ a: 1, gone: [1, 2] }, { a: 1, h: { lr: 0.1 } })).toEqual([
      { field: "a", before: "1", after: "1", changed: false },
      { field: "h", before: null, after: '{"lr":0.1}', changed: true },
      { field: "gone", before: "[1,2]", after: null, changed: true },
    ]);
  });

  it("compares values that are not objects as one field", () => {
    expect(auditDiff("openai", "article-2026")).toEqual([{ field: "value", before: "openai", after: "article-2026", changed: true }]);
  });
});
