import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { buildOpenApiDocument } from "./openapi";
import { v1Operations } from "./operations";

const doc = buildOpenApiDocument(v1Operations, { version: "test", description: "test" }) as any;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const API_DIR = join(process.cwd(), "app", "api", "v1");

/** Every `$ref` in the document, with where it was found. */
function refs(node: unknown, at = "#"): { ref: string; at: string }[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [{ ref: v, at }] : refs(v, `${at}/${k}`)));
}

function resolve(ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<any>((node, key) => node?.[key], doc);
}

/** "METHOD /path" of every route file under app/api/v1, as a client calls it (rewrites applied, the 404 catch-all left out). */
async function routeFileOperations(): Promise<string[]> {
  const nextConfig = (await import(pathToFileURL(join(process.cwd(), "next.config.js")).href)).default;
  const rewrites = (await nextConfig.rewrites()) as { source: string; destination: string }[];
  const publicPath = (path: string) => {
    const rewrite = rewrites.find((r) => r.destination === `/api/v1${path}`);
    return rewrite ? rewrite.source.replace(/^\/api\/v1/, "").replace(/\\/g, "") : path;
  };
  return readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(`${sep}route.ts`) || f === "route.ts")
    .filter((f) => !f.includes("[..."))
    .flatMap((file) => {
      const folder = relative(API_DIR, join(API_DIR, file, "..")).split(sep).join("/");
      const path = publicPath(`/${folder}`.replace(/\[(\w+)\]/g, "{$1}"));
      const source = readFileSync(join(API_DIR, file), "utf8");
      // `export const GET = …`, `export async function GET`, or `export { handler as GET }`.
      const direct = [...source.matchAll(/^export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => m[1]);
      const renamed = [...source.matchAll(/^export\s*\{([^}]*)\}/gm)].flatMap((m) => [...m[1]!.matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((r) => r[1]));
      return [...direct, ...renamed].map((method) => `${method} ${path}`);
    });
}

describe("OpenAPI document", () => {
  it("is served at GET /api/v1/openapi.json without credentials", async () => {
    const res = GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ openapi: "3.1.0", paths: { "/usage:batch": { post: expect.any(Object) } } });
  });

  it("is OpenAPI 3.1 with an error schema, bearer and cookie security", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearer", "session"]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(["code", "message"]);
  });

  it("gives every operation a unique id, a success response and parameters for its path template", () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      expect(path).toMatch(/^\/[^\s]*$/);
      for (const method of Object.keys(item)) {
        expect(METHODS).toContain(method);
        const op = item[method];
        expect(ids.has(op.operationId), `duplicate operationId ${op.operationId}`).toBe(false);
        ids.add(op.operationId);
        expect(op.summary).toBeTruthy();
        expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${method} ${path} has a 2xx`).toBe(true);
        for (const response of Object.values<any>(op.responses)) expect(response.$ref ?? response.description).toBeTruthy();
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        const declared = op.parameters.filter((p: any) => p.in === "path").map((p: any) => p.name).sort();
        expect(declared, `${method} ${path} path parameters`).toEqual(templated);
        for (const p of op.parameters) expect(p.schema, `${method} ${path} ${p.name}`).toBeTypeOf("object");
        if (op.security) expect(op.security).toEqual([]);
        if (method === "get") expect(op.requestBody).toBeUndefined();
      }
    }
  });

  it("resolves every $ref inside the document, and carries no per-schema dialect", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const { ref, at } of all) expect(resolve(ref), `${ref} at ${at}`).toBeTypeOf("object");
    expect(JSON.stringify(doc.components.schemas)).not.toContain('"$schema"');
    expect(doc.components.responses.RateLimited.headers["Retry-After"]).toBeDefined();
  });

  it("documents every route file under app/api/v1, and nothing that is not one", async () => {
    const documented = v1Operations.map((op) => `${op.method} ${op.path}`).sort();
    expect(await routeFileOperations().then((ops) => ops.sort())).toEqual(documented);
  });

  it("describes request bodies with the zod schemas the routes parse (input side: counts as integer or digit string)", () => {
    const put = doc.paths["/models/{id}/usage/{month}"].put;
    expect(put.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/UsageFigures" });
    const figures = doc.components.schemas.UsageFigures;
    expect(figures.required).toEqual(["inputTokens", "outputTokens"]);
    expect(figures.properties.inputTokens.anyOf.map((s: any) => s.type)).toEqual(["integer", "string"]);
    expect(figures.additionalProperties).toBe(false);
    expect(doc.components.schemas.UsageBatch.properties.records.maxItems).toBe(10_000);
    expect(put.parameters.map((p: any) => `${p.in}:${p.name}`)).toEqual(["path:id", "path:month", "header:If-Match"]);
  });
});
