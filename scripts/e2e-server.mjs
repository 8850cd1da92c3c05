// Starts the production server for Playwright on a fresh embedded database.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = process.argv[2] ?? "3100";
const data = join(root, ".data", "e2e");
const pgPort = process.env.TUNECOST_E2E_PG_PORT ?? "54349";

// A previous run killed hard may have left its server behind: stop it, then wipe.
spawn(process.execPath, [join(root, "bin/tunecost.mjs"), "db", "stop"], {
  cwd: root,
  env: { ...process.env, TUNECOST_DATA_DIR: data, TUNECOST_PG_PORT: pgPort },
  stdio: "inherit",
}).on("exit", () => {
  rmSync(data, { recursive: true, force: true });
  const child = spawn(process.execPath, [join(root, "bin/tunecost.mjs"), "serve", "--port", port, "--hostname", "127.0.0.1"], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      TUNECOST_DATA_DIR: data,
      TUNECOST_PG_PORT: pgPort,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: "e2e-secret-used-only-by-the-test-suite",
      TUNECOST_LOGIN_MAX_FAILURES_PER_EMAIL: "3",
      TUNECOST_LOGIN_MAX_FAILURES_PER_IP: "1000",
      // Every test signs up from 127.0.0.1.
      TUNECOST_SIGNUPS_PER_IP_PER_HOUR: "10000",
      TUNECOST_WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
    },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
});
