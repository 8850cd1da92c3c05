import { describe, expect, it } from "vitest";
import { demoTeamShape, seededRandom, teamSeed } from "./shape";

const options = { seed: 42, team: 0, projects: 3, modelsPerProject: 4, months: 12, until: "2026-11", asOfDay: null };

describe("demoTeamShape", () => {
  it("gives the same figures for the same seed and team, and others for another seed or team", () => {
    const a = demoTeamShape(options);
    expect(demoTeamShape(options)).toEqual(a);
    expect(demoTeamShape({ ...options, seed: 43 })).not.toEqual(a);
    expect(demoTeamShape({ ...options, team: 1 })).not.toEqual(a);
  });

  it("a team's figures do not depend on how many teams come before it", () => {
    // The stream is keyed by (seed, team number): team 5 is team 5 whether 6 or 600 teams are generated.
    expect(teamSeed(42, 5)).toBe(teamSeed(42, 5));
    expect(new Set(Array.from({ length: 1000 }, (_, i) => teamSeed(42, i))).size).toBe(1000);
  });

  it("has the requested projects × models × months, every month of the window, in order", () => {
    const shape = demoTeamShape(options);
    expect(shape.projects).toHaveLength(3);
    expect(new Set(shape.projects.map((p) => p.name)).size).toBe(3);
    for (const p of shape.projects) {
      expect(p.models).toHaveLength(4);
      for (const m of p.models) {
        expect(m.usage.map((u) => u.month)).toEqual(["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
        expect(m.firstMonth).toBe("2025-12");
      }
    }
  });

  it("keeps cached input within input and every count positive", () => {
    for (const p of demoTeamShape({ ...options, projects: 5, modelsPerProject: 20 }).projects) {
      for (const m of p.models) {
        for (const u of m.usage) {
          expect(u.inputTokens).toBeGreaterThan(0n);
          expect(u.cachedInputTokens).toBeLessThanOrEqual(u.inputTokens);
          expect(u.outputTokens).toBeGreaterThan(0n);
          expect(u.requests).toBeGreaterThan(0n);
        }
      }
    }
  });

  it("marks only the month in progress with its as-of day, scaled to the days elapsed", () => {
    const full = demoTeamShape(options);
    const partial = demoTeamShape({ ...options, asOfDay: 3 });
    const [fm, pm] = [full.projects[0]!.models[0]!, partial.projects[0]!.models[0]!];
    expect(pm.usage.filter((u) => u.asOf !== null).map((u) => u.asOf)).toEqual(["2026-11-03"]);
    // Same draws, so the complete months are equal and the partial one is about 3/30 of its full value.
    expect(pm.usage.slice(0, -1)).toEqual(fm.usage.slice(0, -1));
    const ratio = Number(pm.usage.at(-1)!.inputTokens) / Number(fm.usage.at(-1)!.inputTokens);
    expect(ratio).toBeCloseTo(3 / 30, 5);
  });

  it("numbers project names once the list of names runs out", () => {
    const names = demoTeamShape({ ...options, projects: 30, modelsPerProject: 1, months: 1 }).projects.map((p) => p.name);
    expect(new Set(names).size).toBe(30);
  });
});

describe("seededRandom", () => {
  it("is uniform enough for demo data and repeatable", () => {
    const r = seededRandom(1);
    const xs = Array.from({ length: 10_000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
    expect(Array.from({ length: 5 }, seededRandom(1))).toEqual(xs.slice(0, 5));
  });
});
