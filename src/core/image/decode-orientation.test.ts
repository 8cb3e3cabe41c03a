import { sharp, type Sharp } from '../../../test/support/sharp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, meanAbsDiff, storeForOrientation, type Pixels, type TempDir } from '../../../test/support/image-fixtures.js';
import { decodeImage, readImageMetadata, type DecodeLimits } from './sharp-codec.js';

const limits: DecodeLimits = { maxPixels: 1_000_000, minSide: 1, background: [0, 0, 0] };

/** A small asymmetric image: every pixel differs, so any wrong flip or rotation shows. */
const asymmetric = (width: number, height: number): Pixels => {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x * 30, y * 50, (x * 7 + y * 11) * 3], (y * width + x) * 3);
  }
  return { data, width, height, channels: 3 };
};

/** Large flat 8x8 blocks, so JPEG compression barely changes them. */
const blocky = (width: number, height: number): Pixels => {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bx = Math.floor(x / 8);
      const by = Math.floor(y / 8);
      data.set([bx * 40, by * 60, 255 - (bx + by) * 20], (y * width + x) * 3);
    }
  }
  return { data, width, height, channels: 3 };
};

const tagged = (stored: Pixels, orientation: number): Sharp =>
  sharp(stored.data, { raw: { width: stored.width, height: stored.height, channels: 3 } }).withMetadata({ orientation });

describe('decodeImage applies EXIF orientation', () => {
  let temp: TempDir;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp.remove();
  });

  const orientations = [1, 2, 3, 4, 5, 6, 7, 8];

  it.each(orientations)('orientation %i (PNG, exact pixels)', async (orientation) => {
    const displayed = asymmetric(7, 4);
    const stored = storeForOrientation(displayed, orientation);
    const bytes = await temp.roundTrip(`o${orientation}.png`, await tagged(stored, orientation).png().toBuffer());

    const image = await decodeImage(bytes, limits);
    expect(image.orientation).toBe(orientation);
    expect([image.width, image.height]).toEqual([7, 4]);
    expect([image.storedWidth, image.storedHeight]).toEqual([stored.width, stored.height]);
    expect(Array.from(image.data)).toEqual(Array.from(displayed.data));
  });

  it.each(orientations)('orientation %i (JPEG, as phones write it)', async (orientation) => {
    const displayed = blocky(48, 32);
    const stored = storeForOrientation(displayed, orientation);
    const bytes = await temp.roundTrip(`o${orientation}.jpg`, await tagged(stored, orientation).jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer());

    const meta = await readImageMetadata(bytes);
    expect(meta).toMatchObject({ orientation, width: 48, height: 32, storedWidth: stored.width, storedHeight: stored.height });
    const image = await decodeImage(bytes, limits);
    expect([image.width, image.height]).toEqual([48, 32]);
    expect(meanAbsDiff(image.data, displayed.data)).toBeLessThan(2);
  });

  it('the fixtures really are stored transformed (otherwise the tests above prove nothing)', async () => {
    const displayed = asymmetric(7, 4);
    const stored = storeForOrientation(displayed, 6);
    expect([stored.width, stored.height]).toEqual([4, 7]);
    const unrotated = await sharp(await tagged(stored, 6).png().toBuffer()).raw().toBuffer({ resolveWithObject: true });
    expect([unrotated.info.width, unrotated.info.height]).toEqual([4, 7]);
  });
});
