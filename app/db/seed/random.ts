// A small seeded pseudo-random generator, so that the demo portfolio is the same on every run and on
// every machine. Each product draws from its own stream (`createRandom(hashSeed(…))`), which keeps a
// product's data independent of how many others are generated around it.
// sfc32 rather than mulberry32: mulberry32's 32-bit state puts every stream on one cycle of 2^32
// draws, and at scale 50 (thousands of streams of thousands of draws) two streams overlap and draw
// the same UUIDs. With a 128-bit state and 128-bit seeds, streams do not meet.

export type Seed = readonly [number, number, number, number];

/** A 128-bit hash (cyrb128) of the parts: the seed of a named stream. */
export function hashSeed(...parts: ReadonlyArray<string | number>): Seed {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  const text = parts.join("\u0000");
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A standard normal draw (Box–Muller). */
  gaussian(): number;
  /** A version-4-shaped UUID drawn from the stream. */
  uuid(): string;
}

export function createRandom(seed: Seed): Random {
  let [a, b, c, d] = seed;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const word = () => Math.floor(next() * 0x100000000);
  const hex = (value: number, length: number) => value.toString(16).padStart(8, "0").slice(0, length);
  return {
    next,
    float: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError("Cannot pick from an empty list");
      return items[Math.floor(next() * items.length)];
    },
    gaussian: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    uuid: () => {
      const a = hex(word(), 8);
      const b = hex(word(), 8);
      const c = hex(word(), 8);
      const d = hex(word(), 8);
      const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
    },
  };
}
