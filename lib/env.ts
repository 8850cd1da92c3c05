import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).optional(),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** Open sign-up; turn off for private deployments (then only the CLI and invitations add users). */
  TUNECOST_SIGNUP_ENABLED: bool.default(true),
  /** How many reverse proxies in front of the app may set X-Forwarded-For. 0: use the socket address. */
  TUNECOST_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  TUNECOST_LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(5),
  TUNECOST_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
  TUNECOST_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Sign-ups (open or through an invitation) per client IP per hour. */
  TUNECOST_SIGNUPS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** Invitations (new links and re-sent ones) per team per hour. */
  TUNECOST_INVITATIONS_PER_TEAM_PER_HOUR: z.coerce.number().int().min(1).default(30),
  TUNECOST_ANALYZE_MAX_BYTES: z.coerce.number().int().min(1).default(2 ** 30), // body limit of POST /api/v1/datasets/analyze
  /** Requests per minute per API key. */
  TUNECOST_API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Webhook targets exempt from the SSRF guard (and allowed over http): comma-separated host names, IPs or CIDRs. */
  TUNECOST_WEBHOOK_ALLOW_HOSTS: z.string().optional(),
  /** smtp:// or smtps:// URL; when set, alerts are also e-mailed to the team's owners and admins. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
  SMTP_FROM: z.string().min(3).default("tunecost <tunecost@localhost>"),
});

export type Env = z.infer<typeof envSchema>;

/** Validated environment; throws a readable list of bad variables. Parsed per call (cheap) so tests can change it. */
export function env(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
