/**
 * What the app exposes, read from the source tree and the production build, so that the security matrix
 * (tests/security/matrix.ts) is checked against reality rather than against a list someone remembered to update.
 * Plain Node (no Next, no Prisma): Playwright imports it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const root = process.cwd();

function walk(dir: string, name: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === name)
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

/** "app/(app)/models/[id]/page.tsx" → "/models/[id]"; route groups do not appear in URLs. */
export function routeOf(file: string): string {
  const parts = file.split("/").slice(1, -1).filter((p) => !(p.startsWith("(") && p.endsWith(")")));
  return `/${parts.join("/")}`;
}

/** Every page route (`app/**\/page.tsx`), as its URL pattern. */
export function listPages(): string[] {
  return walk("app", "page.tsx").map(routeOf);
}

/** Every exported function of every `"use server"` module `lib/**\/actions.ts`, as "lib/x/actions.ts#name". */
export function listSourceActions(): string[] {
  const out: string[] = [];
  for (const file of walk("lib", "actions.ts")) {
    const text = readFileSync(join(root, file), "utf8");
    if (!/^\s*["']use server["']/.test(text)) continue;
    for (const m of text.matchAll(/^export\s+(?:async\s+)?(?:function\s*\*?\s*|const\s+|let\s+)(\w+)/gm)) out.push(`${file}#${m[1]}`);
    for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm)) {
      for (const part of m[1]!.split(",")) {
        const name = part.trim().split(/\s+as\s+/).pop()?.trim();
        if (name) out.push(`${file}#${name}`);
      }
    }
  }
  return out.sort();
}

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route handler method, as "METHOD /route" (e.g. "PUT /api/v1/models/[id]/usage/[month]"). */
export function listRoutes(): string[] {
  const out: string[] = [];
  for (const file of walk("app", "route.ts")) {
    const text = readFileSync(join(root, file), "utf8");
    const methods = new Set<string>();
    for (const m of text.matchAll(/^export\s+(?:async\s+)?(?:function|const|let)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/gm)) methods.add(m[1]!);
    for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm)) {
      for (const part of m[1]!.split(",")) {
        const name = part.trim().split(/\s+as\s+/).pop()?.trim();
        if (name && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(name)) methods.add(name);
      }
    }
    for (const method of methods) out.push(`${method} ${routeOf(file)}`);
  }
  return out.sort();
}

export interface BuiltAction {
  /** The id the browser sends in the `Next-Action` header. */
  id: string;
  /** "lib/x/actions.ts#name", as listSourceActions names it. */
  key: string;
  /** Page routes whose bundle holds the action (any of them can receive it). */
  pages: string[];
}

/**
 * The server actions of the production build, from `.next/server/server-reference-manifest.json`: the ids a browser
 * posts. Also catches actions declared outside lib/**\/actions.ts (an inline "use server").
 */
export function listBuiltActions(): BuiltAction[] {
  const file = join(root, ".next", "server", "server-reference-manifest.json");
  if (!existsSync(file)) throw new Error("No production build: run `npx next build` before the e2e tests.");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node)
    .map(([id, a]) => ({
      id,
      key: `${a.filename ?? "?"}#${a.exportedName ?? "?"}`,
      pages: Object.keys(a.workers).map((w) => routeOf(`${w}.tsx`)),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
