import { buildOpenApiDocument } from "@/lib/api/openapi";
import { v1Operations } from "@/lib/api/operations";

const DESCRIPTION =
  "Projects, fine-tuned models and their monthly usage and costs. Authenticate with `Authorization: Bearer <API key>`. " +
  "Counts are 64-bit (send above 2^53 as strings); money is exact decimal strings. Errors are " +
  '`{ "error": { "code", "message", "fields"? } }`. Each key may make TUNECOST_API_RATE_LIMIT_PER_MINUTE requests a minute (600 by default).';

let document: object | undefined;

/** GET /api/v1/openapi.json: public, so tools can read it before they hold a key. */
export function GET(): Response {
  document ??= buildOpenApiDocument(v1Operations, { version: "1.0.0", description: DESCRIPTION });
  return Response.json(document, { headers: { "Cache-Control": "public, max-age=300" } });
}
