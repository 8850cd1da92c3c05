import "server-only";
import { env } from "@/lib/env";
import { hit, reset, retryAfterSeconds, type Limit } from "./rate-limit";

/** Header the tunecost server sets from the socket address (or trusted proxy hops); any incoming copy is dropped. */
export const CLIENT_IP_HEADER = "x-tunecost-client-ip";

function limits(email: string, ip: string): Limit[] {
  const e = env();
  const windowSeconds = e.TUNECOST_LOGIN_WINDOW_SECONDS;
  return [
    { key: `login:email:${email.trim().toLowerCase()}`, max: e.TUNECOST_LOGIN_MAX_FAILURES_PER_EMAIL, windowSeconds },
    { key: `login:ip:${ip}`, max: e.TUNECOST_LOGIN_MAX_FAILURES_PER_IP, windowSeconds },
  ];
}

/** Seconds to wait before another login attempt for this e-mail or client IP; 0 when allowed. */
export async function loginRetryAfter(email: string, ip: string): Promise<number> {
  const waits = await Promise.all(limits(email, ip).map(retryAfterSeconds));
  return Math.max(...waits);
}

/** Records a failed attempt against both the e-mail and the client IP. */
export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  await Promise.all(limits(email, ip).map(hit));
}

/** A successful login clears the e-mail's failures (the IP's stay: they may come from a credential-stuffing run). */
export async function recordLoginSuccess(email: string): Promise<void> {
  await reset(`login:email:${email.trim().toLowerCase()}`);
}
