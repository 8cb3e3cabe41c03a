import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../../src/core/evaluation/prng.js';

/** Helpers for image tests: real temp files, pixel comparison, EXIF orientation maths. */

export interface Pixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

export interface TempDir {
  readonly dir: string;
  /** Writes bytes to a real file and reads them back (what the app does with a user's file). */
  roundTrip(name: string, bytes: Uint8Array): Promise<Uint8Array>;
  remove(): Promise<void>;
}

export const makeTempDir = async (prefix = 'face-auth-image-'): Promise<TempDir> => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  return {
    dir,
    async roundTrip(name, bytes) {
      const file = path.join(dir, name);
      await fs.writeFile(file, bytes);
      const read = await fs.readFile(file);
      return new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
    },
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
};

export const meanAbsDiff = (a: Uint8Array, b: Uint8Array): number => {
  if (a.length !== b.length) throw new Error(`meanAbsDiff: lengths differ (${a.length} vs ${b.length})`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
};

/** Deterministic pseudo-random bytes (mulberry32), so a failing case can be reproduced. */
export const seededBytes = (length: number, seed: number): Uint8Array => {
  const random = mulberry32(seed);
  const out = new Uint8Array(length);
  // random() is a uint32 / 2^32, exactly: scaling back gives the uint32, of which the low byte is kept.
  for (let i = 0; i < length; i++) out[i] = (random() * 4294967296) & 0xff;
  return out;
};

/** Pixel (x, y) of an interleaved image. */
export const pixelAt = (image: Pixels, x: number, y: number): number[] => {
  const i = (y * image.width + x) * image.channels;
  return Array.from(image.data.subarray(i, i + image.channels));
};

/**
 * EXIF orientation o displays a stored image transformed. This maps a displayed
 * pixel (x, y) to the stored pixel it comes from (stored size ws x hs).
 */
const storedCoordinate = (o: number, x: number, y: number, ws: number, hs: number): [number, number] => {
  switch (o) {
    case 2: return [ws - 1 - x, y]; // mirrored horizontally
    case 3: return [ws - 1 - x, hs - 1 - y]; // rotated 180
    case 4: return [x, hs - 1 - y]; // mirrored vertically
    case 5: return [y, x]; // transposed
    case 6: return [y, hs - 1 - x]; // displayed rotated 90 clockwise
    case 7: return [ws - 1 - y, hs - 1 - x]; // transversed
    case 8: return [ws - 1 - y, x]; // displayed rotated 90 counter-clockwise
    default: return [x, y];
  }
};

/** The pixels to store with EXIF orientation o so that the displayed image equals `displayed`. */
export const storeForOrientation = (displayed: Pixels, orientation: number): Pixels => {
  const swap = orientation >= 5;
  const ws = swap ? displayed.height : displayed.width;
  const hs = swap ? displayed.width : displayed.height;
  const c = displayed.channels;
  const data = new Uint8Array(displayed.data.length);
  for (let y = 0; y < displayed.height; y++) {
    for (let x = 0; x < displayed.width; x++) {
      const [sx, sy] = storedCoordinate(orientation, x, y, ws, hs);
      data.set(displayed.data.subarray((y * displayed.width + x) * c, (y * displayed.width + x + 1) * c), (sy * ws + sx) * c);
    }
  }
  return { data, width: ws, height: hs, channels: c };
};
