/** Attempts before an outbox row (webhook or e-mail) is given up as FAILED. */
export const MAX_ATTEMPTS = 8;

const BASE_SECONDS = 30;
const CAP_SECONDS = 60 * 60;

/**
 * Seconds to wait after the `attempt`-th failed attempt (1-based): 30 s × 2^(attempt−1), capped at an hour, ±20 %
 * jitter so rows that failed together (a receiver's outage) do not all come back in the same second.
 * With 8 attempts the schedule spans about an hour: 30 s, 1, 2, 4, 8, 16, 32 min.
 */
export function retryDelaySeconds(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(CAP_SECONDS, BASE_SECONDS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
