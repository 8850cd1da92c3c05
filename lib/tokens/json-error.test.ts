import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { locateJsonSyntaxError } from "./json-error";

describe("locateJsonSyntaxError", () => {
  it.each([
    ['{"a":}', 5, /expected a value/],
    ['{"a":1', 6, /ends before/],
    ["{a:1}", 1, /property name in double quotes/],
    ["[1,]", 3, /expected a value/],
    ['{"a":1,}', 7, /property name/],
    ['{"a":1} x', 8, /after the JSON value/],
    ['{"a" 1}', 5, /':'/],
    ['{"a":"x\ty"}', 7, /control characters/],
    ['{"a":"abc}', 5, /never closed/],
    ['{"a":"\\q"}', 7, /invalid escape/],
    ['{"a":"\\u12G4"}', 10, /\\u escape/],
    ['{"a":tru}', 8, /expected "true"/],
    ['{"a":01}', 6, /invalid number/],
    ['{"a":1.}', 7, /invalid number/],
    ['{"a":-}', 6, /invalid number/],
    ["{'a':1}", 1, /property name/],
    ['{"a":\'x\'}', 5, /double quotes/],
    ["\ufeff{}", 0, /byte order mark/],
    ['{"a":[1 2]}', 8, /',' or '\]'/],
    ['{"a":1 "b":2}', 7, /',' or '}'/],
    ["", 0, /no JSON value/],
  ])("finds the error in %j at index %i", (text, index, reason) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    const found = locateJsonSyntaxError(text);
    expect(found?.index).toBe(index);
    expect(found?.reason).toMatch(reason);
  });

  it("returns null for valid JSON, so it agrees with JSON.parse", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(locateJsonSyntaxError(text)).toBeNull();
      }),
    );
  });

  it("agrees with V8 wherever V8 reports a position", () => {
    // Corrupt valid JSON at one spot; when V8's message carries "position N", ours must point at the same index.
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom("}", "]", ",", ":", '"', "x", "\t", "{", "["), (text, at, junk) => {
        const i = at % (text.length + 1);
        const broken = text.slice(0, i) + junk + text.slice(i);
        let message: string | null = null;
        try {
          JSON.parse(broken);
        } catch (e) {
          message = (e as Error).message;
        }
        const found = locateJsonSyntaxError(broken);
        if (message === null) {
          expect(found).toBeNull();
          return;
        }
        expect(found).not.toBeNull();
        const v8 = /at position (\d+)/.exec(message);
        // V8 reports an unterminated string at its end; we point at its opening quote, which is easier to find.
        if (v8 !== null && !message.startsWith("Unterminated string")) expect(found?.index).toBe(Number(v8[1]));
      }),
      { numRuns: 500 },
    );
  });

  it("does not overflow the stack on deeply nested input", () => {
    expect(locateJsonSyntaxError("[".repeat(200_000))?.reason).toMatch(/ends before/);
  });
});
