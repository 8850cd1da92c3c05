import { z } from "zod";

const whole = (label: string, max: number) =>
  z.coerce.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`).min(1, `${label} must be at least 1`).max(max, `${label} can be at most ${max.toLocaleString("en-US")}`);

/** Options of `tunecost demo generate`; sizes are capped so a typo cannot fill the disk. */
export const demoGenerateSchema = z
  .object({
    teams: whole("--teams", 5_000),
    projects: whole("--projects", 500),
    /** Models per project. */
    models: whole("--models", 1_000),
    months: whole("--months", 120),
    seed: z.coerce.number({ error: "--seed must be a number" }).int("--seed must be a whole number").min(0).max(2 ** 32 - 1).default(1),
    /** Team slugs are `<prefix>-001`, `<prefix>-002`, … */
    prefix: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/, "--prefix: use 1–32 lowercase letters, digits or dashes")
      .default("demo"),
    /** The last month of history ("YYYY-MM"); the current month when omitted. */
    until: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "--until must be a month such as 2026-11")
      .optional(),
  })
  .refine((o) => o.projects * o.models * o.months * o.teams <= 20_000_000, {
    error: "That is more than 20 million usage months: generate fewer teams, projects, models or months.",
    path: ["teams"],
  });

export type DemoGenerateInput = z.input<typeof demoGenerateSchema>;
