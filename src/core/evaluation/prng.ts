/**
 * mulberry32: a tiny seeded PRNG (Tommy Ettinger's, public domain) with a
 * 32-bit state and period 2^32. Good enough for reproducible sampling; NOT for
 * anything security-related. The state is kept in uint32 range, so it stays
 * exact however many values are drawn.
 */
export type Random = () => number;

/** Returns a generator of floats in [0, 1). The seed is taken modulo 2^32. */
export const mulberry32 = (seed: number): Random => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const TWO_32 = 4294967296;
const TWO_21 = 2097152;

/** A uniform integer in [0, n). Above 2^32 it combines two draws (53 bits). */
export const randomBelow = (random: Random, n: number): number => {
  if (n <= TWO_32) return Math.min(n - 1, Math.floor(random() * n));
  const u = (Math.floor(random() * TWO_32) * TWO_21 + Math.floor(random() * TWO_21)) / (TWO_32 * TWO_21);
  return Math.min(n - 1, Math.floor(u * n));
};
