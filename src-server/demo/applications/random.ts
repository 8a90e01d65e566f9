/**
 * A seeded pseudo-random generator for the demo data: the same seed gives the same applications on every
 * machine and Node version, so a demo database, a screenshot or a failing test can be reproduced.
 * Math.random cannot be seeded, hence this.
 *
 * The algorithm is sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator): 32-bit integer arithmetic
 * only, fast in V8, and good enough statistically for made-up people. Not for anything secret.
 */

const UINT32 = 0x1_0000_0000;

/** splitmix32's finaliser: spreads the bits of a seed so that nearby seeds give unrelated streams. */
function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The low and high 32 bits of an integer seed; fractions are dropped, negative seeds are fine. */
function seedWords(seed: number): [number, number] {
  if (!Number.isFinite(seed)) throw new RangeError(`A seed must be a finite number: ${seed}`);
  const whole = Math.trunc(seed);
  return [whole >>> 0, Math.floor(whole / UINT32) >>> 0];
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * `stream` selects an independent sequence for the same seed, e.g. one per application, so that
   * application n is the same whether it is generated alone or as part of a larger batch.
   */
  constructor(seed: number, stream = 0) {
    const [low, high] = seedWords(seed);
    const [streamLow, streamHigh] = seedWords(stream);
    this.a = mix32(low ^ mix32(streamLow));
    this.b = mix32(high ^ mix32(this.a ^ streamHigh));
    this.c = mix32(this.b ^ 0x5bd1e995);
    this.d = 1;
    // sfc32 needs a few rounds before similar seeds diverge.
    for (let i = 0; i < 12; i += 1) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / UINT32;
  }

  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`Bad integer range ${min}..${max}`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      const item = items[i] as T;
      items[i] = items[j] as T;
      items[j] = item;
    }
    return items;
  }

  /** `n` different items of `items` in random order (all of them if there are fewer). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const count = Math.min(n, copy.length);
    // A partial Fisher-Yates: only the first `count` positions need to be random.
    for (let i = 0; i < count; i += 1) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const item = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = item;
    }
    copy.length = count;
    return copy;
  }

  /** `n` decimal digits, leading zeros included. */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i += 1) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

/** A choice among weighted items, prepared once so that each pick is one binary search. */
export interface WeightedChoice<T> {
  pick(rng: Random): T;
  readonly items: readonly T[];
}

export function weighted<T>(entries: readonly (readonly [T, number])[]): WeightedChoice<T> {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of entries) {
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`Bad weight ${weight}`);
    if (weight === 0) continue;
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  if (items.length === 0) throw new RangeError('A weighted choice needs at least one positive weight');
  return {
    items,
    pick(rng: Random): T {
      const target = rng.next() * total;
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((cumulative[middle] as number) > target) high = middle;
        else low = middle + 1;
      }
      return items[low] as T;
    },
  };
}
