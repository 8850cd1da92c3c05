import "server-only";
import { startEmailLoop } from "@/lib/email/send";
import { startDeliveryLoop } from "./deliver";

const globalForWorkers = globalThis as unknown as { tunecostWorkers?: { stop(): Promise<void> } };

/**
 * Starts the webhook and e-mail outbox loops (every 5 s) once per process, for the server's job runner to call at
 * start and `stop()` at shutdown; a second call reuses the running loops. Safe with several app instances: each
 * claims rows with FOR UPDATE SKIP LOCKED.
 */
export function startNotificationWorkers(): { stop(): Promise<void> } {
  if (!globalForWorkers.tunecostWorkers) {
    const loops = [startDeliveryLoop(), startEmailLoop()];
    globalForWorkers.tunecostWorkers = {
      async stop() {
        await Promise.all(loops.map((l) => l.stop()));
        globalForWorkers.tunecostWorkers = undefined;
      },
    };
  }
  return globalForWorkers.tunecostWorkers;
}
