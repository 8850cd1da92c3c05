import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { CLIENT_IP_HEADER } from "./login-throttle";
import { hit, retryAfterSeconds, type Limit } from "./rate-limit";

const HOUR = 3600;

/** The client IP the tunecost server put on this request; "unknown" outside a request or behind another server. */
export async function requestClientIp(): Promise<string> {
  try {
    return (await headers()).get(CLIENT_IP_HEADER) || "unknown";
  } catch {
    return "unknown"; // called outside a request (tests, CLI): one shared bucket, still limited
  }
}

function waitText(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

/** Counts the attempt, then refuses it with `rate_limited` (and Retry-After) once the window's budget is spent. */
async function consume(limit: Limit, message: (wait: string) => string): Promise<void> {
  const wait = await retryAfterSeconds(limit);
  if (wait > 0) throw new AppError("rate_limited", message(waitText(wait)), undefined, wait);
  await hit(limit);
}

/** Sign-ups (open or through an invitation) per client IP, so one machine cannot mint accounts in bulk. */
export function consumeSignUpAttempt(ip: string): Promise<void> {
  const limit = { key: `signup:ip:${ip}`, max: env().TUNECOST_SIGNUPS_PER_IP_PER_HOUR, windowSeconds: HOUR };
  return consume(limit, (wait) => `Too many sign-ups from your network. Try again in ${wait}.`);
}

/** Invitations per team (new and re-sent links), so a team cannot be used to send e-mail in bulk. */
export function consumeInvitation(teamId: string): Promise<void> {
  const limit = { key: `invite:team:${teamId}`, max: env().TUNECOST_INVITATIONS_PER_TEAM_PER_HOUR, windowSeconds: HOUR };
  return consume(limit, (wait) => `Your team has sent too many invitations in the last hour. Try again in ${wait}.`);
}
