import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { leftoverServerPid, startEmbeddedPostgres, stopLeftoverServer } from "@/lib/platform/embedded-postgres";
import { dataDir } from "@/lib/platform/paths";

// Clusters under .data/ (not /tmp): as root the `postgres` user must reach them. A fixed path, wiped
// first, so a relocated cluster (see lib/platform/embedded-postgres.ts) is reused rather than piling up.
const scratch = join(dataDir(), "launcher-test");
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe("embedded PostgreSQL launcher", () => {
  it("says which port is busy instead of failing with a bare error", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(54361, "127.0.0.1", () => r()));
    try {
      await expect(startEmbeddedPostgres({ dataDir: join(scratch, "busy"), port: 54361 })).rejects.toThrow(
        /Port 54361 is already in use.*TUNECOST_PG_PORT/,
      );
    } finally {
      blocker.close();
    }
  });

  it("restarts on an existing cluster, and explains a server left behind by a killed process", async () => {
    const dir = join(scratch, "leftover");
    // A port free now, not a fixed one: a fixed port in the ephemeral range was once taken by another process's
    // outgoing connection while the suite ran, and the test failed on that instead of on the launcher.
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir: dir, port });
    await first.stop();
    const again = await startEmbeddedPostgres({ dataDir: dir, port });
    await again.stop();

    // A child process starts the server and is then SIGKILLed: PostgreSQL survives it.
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(join(process.cwd(), "lib/platform/embedded-postgres.ts"))});
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)}, port: ${port} });
      console.log("ready");
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      child.on("exit", (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    expect(await leftoverServerPid(dir)).not.toBeNull();
    await expect(startEmbeddedPostgres({ dataDir: dir, port })).rejects.toThrow(/left behind.*npx tunecost db stop/);
    expect(await stopLeftoverServer(dir)).toBeGreaterThan(0);
    expect(await leftoverServerPid(dir)).toBeNull();
  }, 60_000);
});
