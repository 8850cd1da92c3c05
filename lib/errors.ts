/** Error codes the app speaks; each maps to one HTTP status. */
export type AppErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "internal";

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

/** The one error type domain code throws; translated once at each entry point. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/** A resource of another team is answered exactly like a missing one. */
export function notFound(what = "Resource"): AppError {
  return new AppError("not_found", `${what} not found`);
}

/** Field messages from a zod error, keyed by dotted path. */
export function fieldErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Maps anything thrown to `{ status, body }`; unknown errors become a generic 500 and are logged in full. */
export function toErrorResponse(error: unknown): { status: number; body: { error: { code: string; message: string; fields?: Record<string, string[]> } }; headers: Record<string, string> } {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
      headers,
    };
  }
  console.error("[tunecost] unexpected error", error);
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side." } }, headers: {} };
}

/** A moment for a message people read: "2026-11-22 04:17 UTC". */
export function formatWhen(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
