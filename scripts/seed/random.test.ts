import { describe, expect, it } from "vitest";
import { type Random, createRandom } from "./random";

const draws = (random: Random, n: number) => Array.from({ length: n }, () => random.uint32());

describe("Random", () => {
  it("repeats the same sequence for the same seed", () => {
    expect(draws(createRandom(42), 100)).toEqual(draws(createRandom(42), 100));
  });

  it("gives a different sequence for a different seed", () => {
    expect(draws(createRandom(42), 100)).not.toEqual(draws(createRandom(43), 100));
  });

  it("refuses a seed that is not a safe integer", () => {
    expect(() => createRandom(1.5)).toThrow(RangeError);
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });

  it("keeps floats in [0, 1) and spreads them evenly", () => {
    const random = createRandom(1);
    const xs = Array.from({ length: 50_000 }, () => random.float());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (const x of xs) buckets[Math.floor(x * 10)]! += 1;
    for (const count of buckets) expect(count).toBeGreaterThan(4_700);
  });

  it("draws whole numbers between both bounds, each bound included", () => {
    const random = createRandom(2);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const n = random.int(3, 7);
      expect(Number.isInteger(n)).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => random.int(5, 4)).toThrow(RangeError);
  });

  it("treats chance(0) as never and chance(1) as always", () => {
    const random = createRandom(3);
    for (let i = 0; i < 1_000; i++) {
      expect(random.chance(0)).toBe(false);
      expect(random.chance(1)).toBe(true);
    }
  });

  it("picks only items from the list and refuses an empty one", () => {
    const random = createRandom(4);
    const items = ["a", "b", "c"] as const;
    for (let i = 0; i < 100; i++) expect(items).toContain(random.pick(items));
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it("draws codes in proportion to their weights and never a zero-weight code", () => {
    const random = createRandom(5);
    const weights = Object.freeze({ a: 1, b: 3, c: 0, d: 6 });
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 20_000; i++) counts[random.weighted(weights)]! += 1;
    expect(counts.c).toBe(0);
    expect(counts.a! / 20_000).toBeCloseTo(0.1, 1);
    expect(counts.b! / 20_000).toBeCloseTo(0.3, 1);
    expect(counts.d! / 20_000).toBeCloseTo(0.6, 1);
  });

  it("gives the same draws for frozen and unfrozen weight tables", () => {
    const frozen = createRandom(6);
    const unfrozen = createRandom(6);
    const weights = { x: 2, y: 5, z: 1 };
    const a = Array.from({ length: 50 }, () => frozen.weighted(Object.freeze({ ...weights })));
    const b = Array.from({ length: 50 }, () => unfrozen.weighted(weights));
    expect(a).toEqual(b);
  });

  it("refuses weights that are all zero or negative", () => {
    const random = createRandom(7);
    expect(() => random.weighted({ a: 0 })).toThrow(RangeError);
    expect(() => random.weighted({ a: -1, b: 2 })).toThrow(RangeError);
  });

  it("samples k distinct items, or all of them when k exceeds the list", () => {
    const random = createRandom(8);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    for (let i = 0; i < 200; i++) {
      const chosen = random.sample(items, 3);
      expect(chosen).toHaveLength(3);
      expect(new Set(chosen).size).toBe(3);
      for (const item of chosen) expect(items).toContain(item);
    }
    expect(random.sample(items, 20).sort()).toEqual(items);
    expect(random.sample(items, 0)).toEqual([]);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
