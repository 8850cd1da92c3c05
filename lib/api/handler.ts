import "server-only";
import type { z } from "zod";
import { apiRoute } from "@/lib/auth/guards";
import type { TeamContext } from "@/lib/auth/resolve-context";
import type { Operation } from "./openapi";
import { DEFAULT_BODY_LIMIT_BYTES, parseIfMatch, parseJsonBody, parsePathParams, parseQuery } from "./request";

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the request's parts, each already checked against the operation's schemas. */
export interface OperationInput<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  /** The version from `If-Match`, when the operation honours it and the client sent one. */
  ifMatch: number | undefined;
  req: Request;
}

/**
 * A route handler for `op`: the guard (credentials, scope, rate limit), then the URL, query and JSON body parsed with
 * the operation's schemas, then `fn`. A plain value answers with the operation's success status; return a Response
 * to set headers. Errors are translated once, by the guard.
 */
export function handle<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined>(
  op: Operation<P, Q, B>,
  fn: (ctx: TeamContext, input: OperationInput<P, Q, B>) => Promise<unknown>,
): (req: Request, route: { params: Promise<unknown> }) => Promise<Response> {
  if (op.permission === "public") throw new Error(`${op.path} is public: serve it without the API guard`);
  return apiRoute(op.permission, async (req, ctx, rawParams: unknown) => {
    const input = {
      params: (op.params ? parsePathParams(rawParams, op.params) : undefined) as Parsed<P>,
      query: (op.query ? parseQuery(req, op.query) : undefined) as Parsed<Q>,
      ifMatch: op.ifMatch ? parseIfMatch(req) : undefined,
      // Read last: a request with a bad URL is refused without reading (up to 20 MB of) its body.
      body: (op.body ? await parseJsonBody(req, op.body.schema, op.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES) : undefined) as Parsed<B>,
      req,
    };
    const result = await fn(ctx, input);
    return result instanceof Response ? result : Response.json(result, { status: op.success.status });
  });
}
