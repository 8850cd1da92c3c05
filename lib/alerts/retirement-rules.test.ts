import { describe, expect, it } from "vitest";
import { retirementConditions, type RetirementSubject } from "./retirement-rules";

const model = (over: Partial<RetirementSubject> = {}): RetirementSubject => ({
  id: "00000000-0000-4000-8000-000000000001",
  name: "Support v1",
  projectId: "p",
  projectName: "Support",
  baseModelName: "gpt-4o-mini",
  shutdownOn: "2027-01-14",
  shutdownSource: "catalog",
  tracked: true,
  ...over,
});

describe("retirementConditions", () => {
  it("opens nothing more than 60 days before the shutdown", () => {
    expect(retirementConditions([model()], "2026-11-14").conditions).toEqual([]);
  });

  it("is active at the most urgent threshold crossed, and supersedes the ones before it", () => {
    // 2026-11-15 → 2027-01-14 is 60 days.
    const at60 = retirementConditions([model()], "2026-11-15");
    expect(at60.conditions.map((c) => [c.kind, c.threshold, c.month, c.active])).toEqual([["RETIREMENT", "60", "2027-01", true]]);
    expect(at60.superseded.size).toBe(0);
    // 38 days left (the day of this issue): the 60-day one is the alert.
    expect(retirementConditions([model()], "2026-12-07").conditions[0]!.threshold).toBe("60");
    // 20 days left: one alert at 30, the 60-day one superseded; never two at once.
    const at20 = retirementConditions([model()], "2026-12-25");
    expect(at20.conditions.map((c) => c.threshold)).toEqual(["30"]);
    expect([...at20.superseded]).toEqual(["model:00000000-0000-4000-8000-000000000001|2027-01|RETIREMENT|60"]);
    expect(retirementConditions([model()], "2027-01-07").conditions.map((c) => c.threshold)).toEqual(["7"]);
    expect(retirementConditions([model()], "2027-01-13").conditions.map((c) => c.threshold)).toEqual(["7"]);
  });

  it("says when and keeps one message for the threshold's whole span", () => {
    const a = retirementConditions([model()], "2026-12-01").conditions[0]!;
    const b = retirementConditions([model()], "2026-12-10").conditions[0]!;
    expect(a.figures.message).toBe("Support v1 (Support) runs on gpt-4o-mini, which shuts down on 14 Jan 2027: 60 days or fewer left. Plan its move before then.");
    expect(b.figures.message).toBe(a.figures.message);
    // The team's own date is named as theirs, not the provider's.
    expect(retirementConditions([model({ shutdownSource: "model" })], "2026-12-01").conditions[0]!.figures.message).toBe(
      "Support v1 (Support) shuts down on 14 Jan 2027 (your team's date for it): 60 days or fewer left. Plan its move before then.",
    );
  });

  it("has no condition once the model shut down, for an untracked (retired, replaced, archived) model, or without a date", () => {
    expect(retirementConditions([model()], "2027-01-14").conditions).toEqual([]);
    expect(retirementConditions([model({ tracked: false })], "2026-12-25").conditions).toEqual([]);
    expect(retirementConditions([model({ shutdownOn: null })], "2026-12-25").conditions).toEqual([]);
  });
});
