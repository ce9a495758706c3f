import { describe, expect, it } from "vitest";

import { cellKey, perturbationNoise } from "./perturbation";

const keys = Array.from({ length: 256 }, (_, key) => key);

describe("perturbationNoise", () => {
  it("has mean zero over the 256 cell keys for every count", () => {
    for (const threshold of [3, 5, 10]) {
      for (let count = 0; count < 600; count++) {
        const total = keys.reduce((sum, key) => sum + perturbationNoise(count, key, threshold), 0);
        expect(total, `count ${count}, k ${threshold}`).toBe(0);
      }
    }
  });

  it("spreads 40% of keys to no change, 20% to each of ±1 and 10% to each of ±2, far from the threshold", () => {
    const tally = new Map<number, number>();
    for (const key of keys) {
      const noise = perturbationNoise(100, key, 5);
      tally.set(noise, (tally.get(noise) ?? 0) + 1);
    }
    expect(Object.fromEntries(tally)).toEqual({ "0": 102, "1": 51, "-1": 51, "2": 26, "-2": 26 });
  });

  it("never takes a count of k or more below k, and never touches zero", () => {
    for (const threshold of [3, 5, 7]) {
      for (let count = threshold; count < threshold + 5; count++) {
        for (const key of keys) expect(count + perturbationNoise(count, key, threshold)).toBeGreaterThanOrEqual(threshold);
      }
      for (const key of keys) expect(perturbationNoise(0, key, threshold)).toBe(0);
    }
    expect(keys.map((key) => perturbationNoise(5, key, 5)).every((noise) => noise === 0)).toBe(true);
    expect(new Set(keys.map((key) => perturbationNoise(6, key, 5)))).toEqual(new Set([-1, 0, 1]));
  });

  it("reads the committed table: count 100 with cell key 0 sits at position 132, a +1", () => {
    // position = (167·key + 73·count + 29·⌊count/256⌋) mod 256 = 7300 mod 256 = 132; 102 ≤ 132 < 153 → +1
    expect(perturbationNoise(100, 0, 5)).toBe(1);
    // key 1: (167 + 7300) mod 256 = 43 → 0
    expect(perturbationNoise(100, 1, 5)).toBe(0);
    // the cell key is the record key sum mod 256, so 257 reads as 1
    expect(perturbationNoise(100, 257, 5)).toBe(0);
    expect(cellKey(257)).toBe(1);
  });
});
