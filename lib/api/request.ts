import type { z } from "zod";
import { AppError, fieldErrors } from "@/lib/errors";

/** Body limit of an ordinary JSON request; routes that take more (the usage batch) say so in their operation. */
export const DEFAULT_BODY_LIMIT_BYTES = 1_000_000;

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The request body is larger than ${maxBytes.toLocaleString("en-US")} bytes.`);

/**
 * The body as UTF-8 text, refused with 413 once it passes `maxBytes`: up front when Content-Length says so, and while
 * reading otherwise (a chunked body, or a Content-Length that lies), so an oversize body is never held in memory.
 */
export async function readTextBody(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("bad_request", "The request body is not valid UTF-8.");
  }
}

/** The body parsed as JSON: 400 when empty or malformed, 413 over `maxBytes`. */
export async function readJsonBody(req: Request, maxBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<unknown> {
  const text = await readTextBody(req, maxBytes);
  if (text.trim() === "") throw new AppError("bad_request", "The request body must be JSON; it is empty.");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("bad_request", `The request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** A JSON body checked against `schema`: 422 with field messages when it does not fit. */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S, maxBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJsonBody(req, maxBytes));
  if (!parsed.success) throw new AppError("validation_failed", "The request body is invalid; see fields.", fieldErrors(parsed.error.issues));
  return parsed.data;
}

/** The query string checked against `schema` (a repeated parameter keeps its last value): 400 with field messages. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", "The query string is invalid; see fields.", fieldErrors(parsed.error.issues));
  return parsed.data;
}

/**
 * Path parameters checked against `schema`. A malformed id names nothing, so it is 404 like a missing (or another
 * team's) id; any other malformed segment (a month like 2026-13) is 400.
 */
export function parsePathParams<S extends z.ZodType>(params: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  if (parsed.error.issues.some((i) => i.code === "invalid_format" && i.format === "uuid")) throw new AppError("not_found", "Not found.");
  throw new AppError("bad_request", "The URL is invalid; see fields.", fieldErrors(parsed.error.issues));
}

/**
 * `If-Match: "<version>"` as the version the client last read (0: the record must not exist yet), or undefined when
 * absent. Only strong, single entity tags: a weak or listed tag cannot name one version.
 */
export function parseIfMatch(req: Request): number | undefined {
  const header = req.headers.get("if-match");
  if (header === null) return undefined;
  const match = /^\s*"(\d{1,9})"\s*$/.exec(header);
  if (!match) throw new AppError("bad_request", 'If-Match must be one version in quotes, e.g. If-Match: "3".', { "If-Match": ['Use the ETag you received, e.g. "3"'] });
  return Number(match[1]);
}
