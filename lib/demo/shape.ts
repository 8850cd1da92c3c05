/**
 * The shape of generated demo data: which projects, models and monthly token volumes a team gets, from a seed.
 * Pure and deterministic: the same seed, team number and window give the same figures on every machine, so a demo or
 * a benchmark can be reproduced exactly. Costs are not computed here: the caller prices these volumes with the catalog.
 */
import { addMonths, daysInMonth, monthRange } from "@/lib/forecast/month";

/** A 32-bit seeded generator (mulberry32): small, fast, and the same sequence everywhere. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Mixes a seed with a team number, so each team's stream does not depend on how many teams are generated. */
export function teamSeed(seed: number, team: number): number {
  let h = (seed ^ Math.imul(team + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/** Base models a demo team fine-tunes, with how often each is picked (the cheap ones most). */
export const DEMO_BASE_MODELS = [
  { id: "gpt-4o-mini-2024-07-18", weight: 5 },
  { id: "gpt-4.1-mini-2025-04-14", weight: 3 },
  { id: "gpt-4.1-nano-2025-04-14", weight: 2 },
  { id: "gpt-4.1-2025-04-14", weight: 1 },
  { id: "gpt-4o-2024-08-06", weight: 1 },
] as const;

const PROJECT_NAMES = [
  "Support assistant",
  "Search ranking",
  "Invoice extraction",
  "Sales e-mails",
  "Code review",
  "Ticket triage",
  "Product descriptions",
  "Contract summaries",
  "Chat moderation",
  "Translation",
  "Meeting notes",
  "Lead scoring",
];

export interface DemoMonth {
  /** "YYYY-MM" */
  month: string;
  inputTokens: bigint;
  /** A subset of inputTokens. */
  cachedInputTokens: bigint;
  outputTokens: bigint;
  requests: bigint;
  /** "YYYY-MM-DD" for the month in progress, else null. */
  asOf: string | null;
}

export interface DemoModel {
  displayName: string;
  baseModelId: string;
  /** Short unique part of the provider id: "ft:<base>:<org>:<suffix>". */
  suffix: string;
  trainingTokens: bigint;
  epochs: number;
  /** The window's first month: trained on its first day. */
  firstMonth: string;
  /** Prompt lengths for the savings comparison, on about half the models. */
  promptTokensFineTuned: number | null;
  promptTokensBase: number | null;
  /** Monthly plan (input, cached, output tokens), on about 60% of the models. */
  plan: { inputTokens: bigint; cachedInputTokens: bigint; outputTokens: bigint; monthlyGrowthPct: string } | null;
  usage: DemoMonth[];
}

export interface DemoProject {
  name: string;
  /** Whole dollars a month, on about half the projects; set by the caller from the priced usage. */
  hasBudget: boolean;
  models: DemoModel[];
}

export interface DemoTeamShape {
  projects: DemoProject[];
}

export interface DemoShapeOptions {
  seed: number;
  /** 0-based team number. */
  team: number;
  projects: number;
  modelsPerProject: number;
  months: number;
  /** The last month of history, "YYYY-MM". */
  until: string;
  /** The day of `until` the figures run to when it is the month in progress (1-31), or null when it is complete. */
  asOfDay: number | null;
}

function pick<T extends { weight: number }>(rand: () => number, items: readonly T[]): T {
  const total = items.reduce((n, i) => n + i.weight, 0);
  let x = rand() * total;
  for (const item of items) {
    x -= item.weight;
    if (x < 0) return item;
  }
  return items.at(-1)!;
}

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
const code = (rand: () => number, n: number) => Array.from({ length: n }, () => BASE36[Math.floor(rand() * 36)]).join("");
/** Rounds a positive real to a whole token count. */
const tokens = (x: number) => BigInt(Math.max(0, Math.round(x)));

/**
 * One team's projects, models and usage. A model's monthly input volume is log-uniform between 2M and 400M tokens,
 * grows by its own trend (−2% to +8% a month) with ±15% noise; 0–60% of input is cached; output is 20–100% of input.
 * Every model has usage in every month of the window; the month in progress is scaled to its as-of day.
 */
export function demoTeamShape(o: DemoShapeOptions): DemoTeamShape {
  const rand = seededRandom(teamSeed(o.seed, o.team));
  const window = monthRange(addMonths(o.until, -(o.months - 1)), o.until);
  const projects: DemoProject[] = [];
  for (let p = 0; p < o.projects; p++) {
    const label = PROJECT_NAMES[p % PROJECT_NAMES.length]!;
    const name = o.projects > PROJECT_NAMES.length || p >= PROJECT_NAMES.length ? `${label} ${Math.floor(p / PROJECT_NAMES.length) + 1}` : label;
    const models: DemoModel[] = [];
    for (let m = 0; m < o.modelsPerProject; m++) {
      const base = pick(rand, DEMO_BASE_MODELS).id;
      const scale = 2e6 * Math.pow(200, rand());
      const growth = -0.02 + rand() * 0.1;
      const cachedShare = rand() * 0.6;
      const outputShare = 0.2 + rand() * 0.8;
      const tokensPerRequest = 400 + rand() * 3_600;
      const usage: DemoMonth[] = window.map((month, k) => {
        const inProgress = month === o.until && o.asOfDay !== null;
        const elapsed = inProgress ? o.asOfDay! / daysInMonth(month) : 1;
        const input = scale * Math.pow(1 + growth, k) * (0.85 + rand() * 0.3) * elapsed;
        const inputTokens = tokens(input);
        const cached = tokens(input * cachedShare); // cachedShare < 1, so never above inputTokens
        return {
          month,
          inputTokens,
          cachedInputTokens: cached,
          outputTokens: tokens(input * outputShare * (0.9 + rand() * 0.2)),
          requests: tokens(input / tokensPerRequest) + 1n,
          asOf: inProgress ? `${month}-${String(o.asOfDay).padStart(2, "0")}` : null,
        };
      });
      const examples = 200 + Math.floor(rand() * 20_000);
      const planned = rand() < 0.6;
      const withPrompts = rand() < 0.5;
      models.push({
        displayName: `${label.split(" ")[0]} ${base.replace(/-\d{4}-\d{2}-\d{2}$/, "")} v${m + 1}`,
        baseModelId: base,
        suffix: `p${p + 1}m${m + 1}:${code(rand, 6)}`,
        trainingTokens: BigInt(examples * (300 + Math.floor(rand() * 1_200))),
        epochs: 1 + Math.floor(rand() * 4),
        firstMonth: window[0]!,
        promptTokensFineTuned: withPrompts ? 80 + Math.floor(rand() * 400) : null,
        promptTokensBase: withPrompts ? 1_000 + Math.floor(rand() * 4_000) : null,
        plan: planned
          ? {
              inputTokens: tokens(scale),
              cachedInputTokens: tokens(scale * cachedShare),
              outputTokens: tokens(scale * outputShare),
              monthlyGrowthPct: (Math.round(growth * 1000) / 10).toFixed(1),
            }
          : null,
        usage,
      });
    }
    projects.push({ name, hasBudget: rand() < 0.5, models });
  }
  return { projects };
}
