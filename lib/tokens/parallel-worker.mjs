// Entry of the analyzer's worker threads. Plain JavaScript, because a worker does not inherit the parent's module
// hooks (tsx) on Node 20 and `execArgv: ["--import", "tsx"]` does not reach the worker's entry. tsx's CommonJS hook is
// used rather than its ESM one: it transforms in this thread, where the ESM hook starts one more loader thread per
// worker (~15 MB each). The worker's modules import nothing through the `@/` alias, so no tsconfig is needed.
import { require as requireTypeScript } from "tsx/cjs/api";

requireTypeScript("./parallel-worker.node.ts", import.meta.url);
