/** A background loop: runs `tick` every `intervalMs` in this process, never two ticks at once. */
export function pollEvery(name: string, intervalMs: number, tick: () => Promise<unknown>): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .then(
        () => undefined,
        // A failing tick (database restarting…) must not kill the loop or the server; the next tick retries.
        (e: unknown) => console.error(`[tunecost] ${name} failed`, e),
      )
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref(); // never keeps the process alive on its own
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
