#!/usr/bin/env node
// Entry of `npx tunecost …` and of `npm run dev` / `npm start`.
// The CLI runs the TypeScript sources directly (tsx), so admin commands use
// exactly the same domain code as the app.
import { register } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { register as registerTypeScript } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.env.TUNECOST_ROOT ??= root;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// Modules marked `server-only` are fine here: this whole process is the server.
register("./server-only-hook.mjs", import.meta.url);
registerTypeScript({ tsconfig: join(root, "tsconfig.json") });

const { main } = await import("../lib/cli/main.ts");
await main(process.argv);
