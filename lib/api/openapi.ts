import { z } from "zod";
import type { Permission } from "@/lib/auth/roles";

/** A schema with the name it is listed under in the document's components. */
export interface NamedSchema<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
}

/** A documented error status; each maps to one shared response in the document. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;

/**
 * One /api/v1 operation: what the handler parses (the same zod schemas) and what the document says. Route handlers
 * built with `handle()` parse exactly these schemas, so the document cannot drift from the code.
 */
export interface Operation<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI path below /api/v1, e.g. "/models/{id}". */
  path: `/${string}`;
  summary: string;
  description?: string;
  tag: string;
  /** What the caller must hold; "public" needs no credentials. */
  permission: Permission | "public";
  params?: P;
  query?: Q;
  body?: B extends z.ZodType ? NamedSchema<B> : undefined;
  /** A body that is not JSON (e.g. a raw training file): its media type and a description; the handler reads it. */
  rawBody?: { mediaType: string; description: string };
  bodyLimitBytes?: number;
  /** Honours `If-Match: "<version>"`. */
  ifMatch?: boolean;
  /** A JSON `body`, or `mediaType` for a file answered as is (e.g. a CSV download). */
  success: { status: 200 | 201; description: string; body: NamedSchema; headers?: Record<string, string> } | { status: 200; description: string; mediaType: string; headers?: Record<string, string> };
  errors: readonly ErrorStatus[];
}

/** Keeps the schemas' types for `handle()`; the operation itself is plain data. */
export function defineOperation<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  op: Operation<P, Q, B>,
): Operation<P, Q, B> {
  return op;
}

const ERRORS: Record<ErrorStatus, { name: string; description: string }> = {
  400: { name: "BadRequest", description: "Malformed request: the body is not JSON, or the query string or URL is invalid." },
  401: { name: "Unauthorized", description: "No credentials, or an invalid or revoked API key." },
  403: { name: "Forbidden", description: "The key's scope (or the user's role) does not allow this." },
  404: { name: "NotFound", description: "No such resource in your team (another team's ids answer the same)." },
  409: { name: "Conflict", description: "The resource changed since the version you sent, or a unique name is taken." },
  413: { name: "PayloadTooLarge", description: "The request body is over the operation's limit." },
  422: { name: "ValidationFailed", description: "The body does not validate; `fields` names each bad field by dotted path." },
  429: { name: "RateLimited", description: "Over the key's requests per minute; retry after `Retry-After` seconds." },
};

/** The body of every error response. */
export const errorSchema = z.object({
  error: z.object({
    code: z.enum(["bad_request", "validation_failed", "unauthorized", "forbidden", "not_found", "conflict", "payload_too_large", "rate_limited", "internal"]),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional().describe("Messages by dotted field path, e.g. `records.3.month`."),
  }),
});

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  // Components live inside the OpenAPI document, whose dialect is JSON Schema 2020-12: no per-schema $schema.
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Json;
  return rest;
}

/** Path and query parameters of an object schema, in OpenAPI form. */
function parameters(schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (!schema) return [];
  const s = jsonSchema(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return { name, in: where, required: where === "path" || (s.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) };
  });
}

/** The OpenAPI 3.1 document of `operations`, served at /api/v1/openapi.json. */
export function buildOpenApiDocument(operations: readonly Operation[], info: { version: string; description: string }): Json {
  const schemas: Record<string, Json> = { Error: jsonSchema(errorSchema, "output") };
  const addSchema = ({ name, schema }: NamedSchema, io: "input" | "output") => {
    const json = jsonSchema(schema, io);
    if (schemas[name] && JSON.stringify(schemas[name]) !== JSON.stringify(json)) throw new Error(`Two different schemas are named ${name}`);
    schemas[name] = json;
    return { $ref: `#/components/schemas/${name}` };
  };

  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) {
    const responses: Record<string, Json> = {
      [op.success.status]: {
        description: op.success.description,
        ...(op.success.headers
          ? { headers: Object.fromEntries(Object.entries(op.success.headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }])) }
          : {}),
        content:
          "body" in op.success
            ? { "application/json": { schema: addSchema(op.success.body, "output") } }
            : { [op.success.mediaType]: { schema: { type: "string" } } },
      },
    };
    for (const status of op.errors) responses[status] = { $ref: `#/components/responses/${ERRORS[status].name}` };
    const ifMatch = op.ifMatch
      ? [{ name: "If-Match", in: "header", required: false, schema: { type: "string", pattern: '^"\\d+"$' }, description: 'The version you last read, in quotes (its ETag); "0" means the record must not exist yet. 409 when it has changed.' }]
      : [];
    const requestBody = op.body
      ? { required: true, content: { "application/json": { schema: addSchema(op.body, "input") } } }
      : op.rawBody
        ? { required: true, description: op.rawBody.description, content: { [op.rawBody.mediaType]: { schema: { type: "string" } } } }
        : undefined;
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: `${op.method.toLowerCase()}${op.path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      ...(op.permission === "public" ? { security: [] } : { "x-permission": op.permission }),
      parameters: [...parameters(op.params, "path"), ...parameters(op.query, "query"), ...ifMatch],
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }

  const responses = Object.fromEntries(
    Object.values(ERRORS).map(({ name, description }) => [
      name,
      {
        description,
        ...(name === "RateLimited" ? { headers: { "Retry-After": { description: "Seconds until the key may call again.", schema: { type: "integer" } } } } : {}),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );

  return {
    openapi: "3.1.0",
    info: { title: "tunecost REST API", version: info.version, description: info.description },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas,
      responses,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys or `npx tunecost apikey create`." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The web app's session (`__Secure-` prefixed over HTTPS); writes must be same-origin." },
      },
    },
  };
}
