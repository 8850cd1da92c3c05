/** Where a JSON text first stops being valid: a 0-based UTF-16 index into the text and a short English reason. */
export interface JsonSyntaxError {
  index: number;
  reason: string;
}

const enum State {
  Value,
  AfterValue,
  FirstKeyOrEnd,
  Key,
  Colon,
  FirstValueOrEnd,
}

/**
 * Locates the first syntax error of a text that `JSON.parse` rejected, or returns null if the text is valid JSON.
 *
 * Why not read the position from the engine's message: V8 gives "at position N" for some errors only ("Unexpected
 * token '}', ... is not valid JSON" has none), and Firefox and Safari word their messages differently; the analyzer
 * also runs in browser workers. Runs only on lines that already failed to parse, so it favours clarity over speed.
 * Iterative, so a line of a million "[" cannot overflow the stack.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: number[] = []; // 0x7b "{" or 0x5b "[" for each open container
  let state = State.Value;
  let i = 0;
  const n = text.length;
  const fail = (index: number, reason: string): JsonSyntaxError => ({ index, reason });

  for (;;) {
    while (i < n && isJsonWhitespace(text.charCodeAt(i))) i++;
    if (i >= n) {
      if (state === State.AfterValue && stack.length === 0) return null;
      return fail(n, stack.length > 0 || state !== State.Value ? "the line ends before the JSON value is complete" : "the line has no JSON value");
    }
    const c = text.charCodeAt(i);
    switch (state) {
      case State.Value:
      case State.FirstValueOrEnd: {
        if (state === State.FirstValueOrEnd && c === 0x5d) {
          stack.pop();
          i++;
          state = State.AfterValue;
          break;
        }
        if (c === 0x7b) {
          stack.push(c);
          i++;
          state = State.FirstKeyOrEnd;
          break;
        }
        if (c === 0x5b) {
          stack.push(c);
          i++;
          state = State.FirstValueOrEnd;
          break;
        }
        const end = scanScalar(text, i);
        if (typeof end !== "number") return end;
        i = end;
        state = State.AfterValue;
        break;
      }
      case State.AfterValue: {
        const top = stack[stack.length - 1];
        if (top === undefined) return fail(i, "unexpected text after the JSON value");
        if (c === 0x2c) {
          i++;
          state = top === 0x7b ? State.Key : State.Value;
        } else if ((top === 0x7b && c === 0x7d) || (top === 0x5b && c === 0x5d)) {
          stack.pop();
          i++;
        } else {
          return fail(i, top === 0x7b ? "expected ',' or '}' after a property value" : "expected ',' or ']' after a list item");
        }
        break;
      }
      case State.FirstKeyOrEnd:
      case State.Key: {
        if (state === State.FirstKeyOrEnd && c === 0x7d) {
          stack.pop();
          i++;
          state = State.AfterValue;
          break;
        }
        if (c !== 0x22) return fail(i, "expected a property name in double quotes");
        const end = scanString(text, i);
        if (typeof end !== "number") return end;
        i = end;
        state = State.Colon;
        break;
      }
      case State.Colon: {
        if (c !== 0x3a) return fail(i, "expected ':' after a property name");
        i++;
        state = State.Value;
        break;
      }
    }
  }
}

function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Scans a string, number or literal starting at `i`; returns the index after it or the error. */
function scanScalar(text: string, i: number): number | JsonSyntaxError {
  const c = text.charCodeAt(i);
  if (c === 0x22) return scanString(text, i);
  if (c === 0x2d || isDigit(c)) return scanNumber(text, i);
  for (const literal of ["true", "false", "null"]) {
    if (c !== literal.charCodeAt(0)) continue;
    for (let k = 1; k < literal.length; k++) {
      if (text.charCodeAt(i + k) !== literal.charCodeAt(k)) return { index: i + k, reason: `expected "${literal}"` };
    }
    return i + literal.length;
  }
  if (c === 0x27) return { index: i, reason: "strings must use double quotes, not single quotes" };
  if (c === 0xfeff) return { index: i, reason: "unexpected byte order mark (BOM) in the middle of the file" };
  return { index: i, reason: "expected a value (an object, list, string, number, true, false or null)" };
}

function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return { index: start, reason: "a string starting here is never closed" };
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { index: i, reason: "control characters such as tabs must be escaped inside strings" };
    if (c === 0x5c) {
      const e = text.charCodeAt(i + 1);
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (!/[0-9a-fA-F]/.test(text.charAt(i + k))) return { index: i + k, reason: "invalid \\u escape in a string" };
        }
        i += 6;
        continue;
      }
      // " \ / b f n r t
      // Points at the character after the backslash, as V8 does.
      if (![0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74].includes(e)) return { index: i + 1, reason: "invalid escape in a string" };
      i += 2;
      continue;
    }
    i++;
  }
}

function scanNumber(text: string, start: number): number | JsonSyntaxError {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  const bad = (index: number): JsonSyntaxError => ({ index, reason: "invalid number" });
  if (text.charCodeAt(i) === 0x30) {
    i++;
    if (isDigit(text.charCodeAt(i))) return bad(i);
  } else if (isDigit(text.charCodeAt(i))) {
    while (isDigit(text.charCodeAt(i))) i++;
  } else {
    return bad(i);
  }
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return bad(i);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return bad(i);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}
