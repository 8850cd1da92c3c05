import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelaySeconds } from "./backoff";

describe("retry backoff", () => {
  it("doubles from 30 s without jitter (random 0.5 = ×1.0)", () => {
    const schedule = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelaySeconds(i + 1, () => 0.5));
    expect(schedule).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    // Given up after 8 attempts: about an hour of retries in all.
    expect(schedule.reduce((a, b) => a + b, 0)).toBe(3810);
  });

  it("stays within ±20 % jitter", () => {
    expect(retryDelaySeconds(3, () => 0)).toBe(96);
    expect(retryDelaySeconds(3, () => 0.999999)).toBe(144);
  });

  it("caps at an hour however many attempts", () => {
    expect(retryDelaySeconds(30, () => 0.5)).toBe(3600);
  });
});
