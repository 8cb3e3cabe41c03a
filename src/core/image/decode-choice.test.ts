import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharp } from '../../../test/support/sharp.js';
import { decodeChoiceFor, isLikelyChoice, startsLikely } from './decode-choice.js';

const profile = async (name: 'srgb' | 'p3'): Promise<Uint8Array> => {
  const bytes = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#777777' } }).png().withIccProfile(name).toBuffer();
  return (await sharp(bytes).metadata()).icc!;
};

describe('decodeChoiceFor', () => {
  it('no profile, or an sRGB one: the likely choice the decoder starts with', async () => {
    expect(isLikelyChoice(decodeChoiceFor({ space: 'srgb', hasAlpha: false }))).toBe(true);
    expect(isLikelyChoice(decodeChoiceFor({ space: 'srgb', hasAlpha: true, icc: await profile('srgb') }))).toBe(true);
    expect(isLikelyChoice(decodeChoiceFor({ space: 'cmyk', hasAlpha: false }))).toBe(true); // no profile: nothing to skip
    expect(isLikelyChoice(decodeChoiceFor(undefined))).toBe(true);
  });

  it('another profile is converted, and grey + alpha goes to sRGB first: both need another decode', async () => {
    expect(decodeChoiceFor({ space: 'srgb', hasAlpha: false, icc: await profile('p3') })).toEqual({ ignoreIcc: false, greyWithAlpha: false });
    expect(decodeChoiceFor({ space: 'b-w', hasAlpha: true })).toEqual({ ignoreIcc: true, greyWithAlpha: true });
    expect(decodeChoiceFor({ space: 'grey16', hasAlpha: true })).toEqual({ ignoreIcc: true, greyWithAlpha: true });
    // An sRGB profile on an image that is not 8-bit sRGB (here a 16-bit one) is converted as before.
    expect(decodeChoiceFor({ space: 'rgb16', hasAlpha: false, icc: await profile('srgb') }).ignoreIcc).toBe(false);
    expect(isLikelyChoice(decodeChoiceFor({ space: 'b-w', hasAlpha: true }))).toBe(false);
  });
});

/** The PNG with one more chunk right after IHDR (CRC computed). */
const withChunk = (png: Uint8Array, type: string, data: readonly number[]): Uint8Array => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data)]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(zlib.crc32(body), 8 + data.length);
  const afterIhdr = 8 + 12 + 13;
  return Buffer.concat([png.subarray(0, afterIhdr), chunk, png.subarray(afterIhdr)]);
};

describe('startsLikely', () => {
  const base = (): ReturnType<typeof sharp> => sharp({ create: { width: 16, height: 12, channels: 3, background: '#336699' } });

  it('starts the likely decode for JPEG, PNG and WebP files without a profile', async () => {
    expect(startsLikely(await base().jpeg().toBuffer(), 'jpeg')).toBe(true);
    expect(startsLikely(await base().jpeg({ progressive: true }).toBuffer(), 'jpeg')).toBe(true);
    expect(startsLikely(await base().png().toBuffer(), 'png')).toBe(true);
    expect(startsLikely(await base().webp().toBuffer(), 'webp')).toBe(true);
    expect(startsLikely(await base().webp({ lossless: true }).toBuffer(), 'webp')).toBe(true);
  });

  it('waits for the header when there is a profile (any), grey + alpha, or it cannot tell', async () => {
    for (const name of ['srgb', 'p3'] as const) {
      expect(startsLikely(await base().jpeg().withIccProfile(name).toBuffer(), 'jpeg'), name).toBe(false);
      expect(startsLikely(await base().png().withIccProfile(name).toBuffer(), 'png'), name).toBe(false);
      expect(startsLikely(await base().webp().withIccProfile(name).toBuffer(), 'webp'), name).toBe(false);
    }
    expect(startsLikely(await base().ensureAlpha(0.5).toColourspace('b-w').png().toBuffer(), 'png')).toBe(false);
    // A grey PNG whose tRNS chunk makes one grey level transparent: libvips reads it as grey + alpha.
    const grey = await base().toColourspace('b-w').png().toBuffer();
    expect(startsLikely(grey, 'png')).toBe(true);
    expect(startsLikely(withChunk(grey, 'tRNS', [0, 0x70]), 'png')).toBe(false);
    const jpeg = await base().jpeg().toBuffer();
    expect(startsLikely(jpeg.subarray(0, 20), 'jpeg')).toBe(false); // cut before the first scan
    expect(startsLikely(await base().tiff().toBuffer(), 'tiff')).toBe(false);
  });
});
