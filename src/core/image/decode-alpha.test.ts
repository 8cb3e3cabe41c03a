import { sharp, type Sharp } from '../../../test/support/sharp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, pixelAt, type TempDir } from '../../../test/support/image-fixtures.js';
import { decodeImage } from './sharp-codec.js';

const size = 40;
const background = [0, 200, 0] as const;

/** Left half: bright red hidden under alpha 0. Right half: opaque blue. Middle row band: red at alpha 128. */
const hiddenRed = (): Uint8Array => {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = x < size / 2 ? (y >= 18 && y < 22 ? 128 : 0) : 255;
      data.set(x < size / 2 ? [255, 0, 0, alpha] : [0, 0, 255, alpha], (y * size + x) * 4);
    }
  }
  return data;
};

const rgba = (): Sharp => sharp(hiddenRed(), { raw: { width: size, height: size, channels: 4 } });

describe('decodeImage flattens alpha onto the background', () => {
  let temp: TempDir;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp.remove();
  });

  it('the fixture really hides red: removeAlpha would expose it', async () => {
    const exposed = await sharp(await rgba().png().toBuffer()).removeAlpha().raw().toBuffer();
    expect(Array.from(exposed.subarray(0, 3))).toEqual([255, 0, 0]);
  });

  it.each([
    ['PNG', 'hidden.png', () => rgba().png()],
    ['lossless WebP', 'hidden.webp', () => rgba().webp({ lossless: true, exact: true })],
    ['TIFF', 'hidden.tiff', () => rgba().tiff({ compression: 'lzw' })],
  ])('%s: no hidden pixel comes through', async (_name, file, make) => {
    const image = await decodeImage(await temp.roundTrip(file, await make().toBuffer()), {
      maxPixels: 1_000_000, minSide: 1, background,
    });
    expect(image.hadAlpha).toBe(true);
    expect(image.channels).toBe(3);
    for (let y = 0; y < size; y++) {
      if (y >= 18 && y < 22) continue;
      for (let x = 0; x < size / 2; x++) expect(pixelAt(image, x, y)).toEqual([...background]);
    }
    expect(pixelAt(image, size - 1, 0)).toEqual([0, 0, 255]);
    // Half-transparent red over green: a blend of both.
    const [r = 0, g = 0, b = 0] = pixelAt(image, 5, 20);
    expect(Math.abs(r - 128)).toBeLessThanOrEqual(2);
    expect(Math.abs(g - 100)).toBeLessThanOrEqual(2);
    expect(b).toBeLessThanOrEqual(2);
  });

  it('grey + alpha is flattened onto the coloured background, not a grey version of it', async () => {
    const png = await rgba().toColourspace('b-w').png().toBuffer();
    expect((await sharp(png).metadata()).channels).toBe(2);
    const image = await decodeImage(await temp.roundTrip('grey-alpha.png', png), { maxPixels: 1_000_000, minSide: 1, background });
    expect(pixelAt(image, 0, 0)).toEqual([...background]);
  });

  it('a transparent palette PNG (tRNS) is flattened too', async () => {
    const png = await rgba().png({ palette: true, colours: 4, dither: 0 }).toBuffer();
    const image = await decodeImage(await temp.roundTrip('palette.png', png), { maxPixels: 1_000_000, minSide: 1, background });
    expect(pixelAt(image, 0, 0)).toEqual([...background]);
  });
});
