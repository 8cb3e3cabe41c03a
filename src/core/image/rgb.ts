import { BugError } from '../errors.js';

/** An sRGB colour: three integers 0..255. */
export type Rgb = readonly [number, number, number];

export const black: Rgb = [0, 0, 0];
export const white: Rgb = [255, 255, 255];

/** The opaque colour object sharp takes for backgrounds. */
export const colour = ([r, g, b]: Rgb): { r: number; g: number; b: number; alpha: number } => ({ r, g, b, alpha: 1 });

export const checkRgb = (value: Rgb, what: string): void => {
  if (value.length !== 3 || !value.every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) {
    throw new BugError(`${what} must be three integers 0..255, got ${JSON.stringify(value)}`);
  }
};

/** Interleaved RGB from 1-channel grey: each value copied into the three channels. */
export const greyToRgb = (grey: Uint8Array): Uint8Array => {
  const rgb = new Uint8Array(grey.length * 3);
  for (let i = 0, j = 0; i < grey.length; i++, j += 3) {
    const v = grey[i] ?? 0;
    rgb[j] = v;
    rgb[j + 1] = v;
    rgb[j + 2] = v;
  }
  return rgb;
};
