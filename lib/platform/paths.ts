import { join, resolve } from "node:path";

/** Root of the checkout: every command runs from it (npm scripts and `npx tunecost` set the cwd). */
export function projectRoot(): string {
  return resolve(process.env.TUNECOST_ROOT ?? process.cwd());
}

/** Where the embedded database, generated secrets and the demo login live (gitignored). */
export function dataDir(): string {
  return resolve(process.env.TUNECOST_DATA_DIR ?? join(projectRoot(), ".data"));
}
