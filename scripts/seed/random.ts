/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) for synthetic data.
 * Not for anything secret: the point is that the same seed always gives the same sequence.
 */

export type Weights<C extends string> = Readonly<Partial<Record<C, number>>>;

type CompiledWeights = { codes: readonly string[]; cumulative: Float64Array; total: number };

// Weight tables are usually module constants, so each is compiled once and reused for every draw.
const compiled = new WeakMap<object, CompiledWeights>();

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`A seed is a whole number, not ${seed}`);
    let state = (seed ^ Math.floor(seed / 0x1_0000_0000)) >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // sfc32 mixes poorly for its first few outputs; discard them.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  float(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** A uniform whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int needs whole numbers with min <= max, not ${min} and ${max}`);
    }
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick needs at least one item");
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** A code drawn in proportion to its weight; codes with no or zero weight are never drawn. */
  weighted<C extends string>(weights: Weights<C>): C {
    const table = compile(weights);
    const target = this.float() * table.total;
    const { cumulative } = table;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return table.codes[low] as C;
  }

  /** `k` distinct items in random order (all of them when `k` exceeds the list). */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = items.slice();
    const count = Math.max(0, Math.min(k, pool.length));
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.float() * (pool.length - i));
      const chosen = pool[j] as T;
      pool[j] = pool[i] as T;
      pool[i] = chosen;
    }
    pool.length = count;
    return pool;
  }
}

export function createRandom(seed: number): Random {
  return new Random(seed);
}

function compile(weights: object): CompiledWeights {
  const cached = compiled.get(weights);
  if (cached) return cached;
  const codes: string[] = [];
  const sums: number[] = [];
  let total = 0;
  for (const [code, weight] of Object.entries(weights) as [string, number | undefined][]) {
    if (weight === undefined || weight === 0) continue;
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`Weight for ${code} must be positive, not ${weight}`);
    total += weight;
    codes.push(code);
    sums.push(total);
  }
  if (codes.length === 0) throw new RangeError("weighted needs at least one positive weight");
  const table = { codes, cumulative: Float64Array.from(sums), total };
  // A frozen table cannot change under the cache; a mutable one is recompiled on every draw.
  if (Object.isFrozen(weights)) compiled.set(weights, table);
  return table;
}
