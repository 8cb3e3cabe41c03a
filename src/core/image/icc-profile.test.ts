import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireSharedFaces, sharedFacesDir } from '../../../test/support/faces.js';
import { sharp } from '../../../test/support/sharp.js';
import { isSrgbProfile } from './icc-profile.js';
import { decodeImage } from './sharp-codec.js';

const limits = { maxPixels: 64_000_000, minSide: 16, background: [0, 0, 0] as const };

/** The profile sharp embeds for one of its named profiles (a real ICC file, as shipped by libvips). */
const builtInProfile = async (name: 'srgb' | 'p3' | 'cmyk'): Promise<Uint8Array> => {
  const channels = name === 'cmyk' ? 4 : 3;
  const base = sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } });
  const bytes = await (channels === 4 ? base.toColourspace('cmyk').jpeg() : base.png()).withIccProfile(name).toBuffer();
  const icc = (await sharp(bytes).metadata()).icc;
  if (icc === undefined) throw new Error(`no ${name} profile embedded`);
  return icc;
};

const photosWithProfiles = async (): Promise<{ file: string; icc: Uint8Array; space: string | undefined }[]> => {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  const found: { file: string; icc: Uint8Array; space: string | undefined }[] = [];
  for (const file of walk(sharedFacesDir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f))) {
    const meta = await sharp(file).metadata();
    if (meta.icc !== undefined) found.push({ file, icc: meta.icc, space: meta.space });
  }
  return found;
};

/** The profile's description tag ('desc' of ICC v2, or the first record of a v4 'mluc'). */
const description = (icc: Uint8Array): string => {
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  for (let i = 0; i < view.getUint32(128); i++) {
    const at = 132 + i * 12;
    if (String.fromCharCode(...icc.subarray(at, at + 4)) !== 'desc') continue;
    const offset = view.getUint32(at + 4);
    const type = String.fromCharCode(...icc.subarray(offset, offset + 4));
    if (type === 'desc') return String.fromCharCode(...icc.subarray(offset + 12, offset + 12 + view.getUint32(offset + 8) - 1));
    const length = view.getUint32(offset + 20);
    const start = offset + view.getUint32(offset + 24);
    return Buffer.from(icc.subarray(start, start + length)).swap16().toString('utf16le');
  }
  return '';
};

describe('isSrgbProfile', () => {
  it("accepts libvips' own sRGB profile and refuses its Display P3 and CMYK profiles", async () => {
    expect(isSrgbProfile(await builtInProfile('srgb'))).toBe(true);
    expect(isSrgbProfile(await builtInProfile('p3'))).toBe(false);
    expect(isSrgbProfile(await builtInProfile('cmyk'))).toBe(false);
  });

  it('refuses anything that is not a readable profile', async () => {
    const srgb = await builtInProfile('srgb');
    expect(isSrgbProfile(new Uint8Array(0))).toBe(false);
    expect(isSrgbProfile(srgb.subarray(0, 200))).toBe(false); // tag table cut off
    const renamed = Uint8Array.from(srgb);
    renamed.set([0x58, 0x59, 0x5a, 0x20], 16); // data colour space 'XYZ ' instead of 'RGB '
    expect(isSrgbProfile(renamed)).toBe(false);
  });

  /** libvips' sRGB profile with all three tone curves replaced by `curve` (the bytes of one TRC tag). */
  const withCurve = async (curve: readonly number[]): Promise<Uint8Array> => {
    const original = await builtInProfile('srgb');
    const icc = new Uint8Array(original.length + curve.length + 4);
    icc.set(original);
    const at = original.length + ((4 - (original.length % 4)) % 4);
    icc.set(curve, at);
    const view = new DataView(icc.buffer);
    for (let i = 0; i < view.getUint32(128); i++) {
      const entry = 132 + i * 12;
      if (!['rTRC', 'gTRC', 'bTRC'].includes(String.fromCharCode(...icc.subarray(entry, entry + 4)))) continue;
      view.setUint32(entry + 4, at);
      view.setUint32(entry + 8, curve.length);
    }
    return icc.subarray(0, at + curve.length);
  };
  const fixed = (v: number): number[] => {
    const n = Math.round(v * 65536);
    return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  };

  it('a tone curve tag cut short at the end of the profile is unreadable: false, never an exception', async () => {
    const cut = await withCurve([0x63, 0x75, 0x72, 0x76, 0, 0, 0, 0]); // 'curv' and its reserved bytes, no count
    expect(() => isSrgbProfile(cut)).not.toThrow();
    expect(isSrgbProfile(cut)).toBe(false);
    const para = await withCurve([0x70, 0x61, 0x72, 0x61, 0, 0, 0, 0, 0, 3]); // 'para' function 3 without its parameters
    expect(isSrgbProfile(para)).toBe(false);
  });

  it('reads the tone curves: the sRGB curve as a parametric curve is sRGB, a pure gamma 1.8 or 2.2 is not', async () => {
    const para = [0x70, 0x61, 0x72, 0x61, 0, 0, 0, 0, 0, 3, 0, 0, ...[2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045].flatMap(fixed)];
    expect(isSrgbProfile(await withCurve(para))).toBe(true);
    const gamma = (g: number): number[] => [0x63, 0x75, 0x72, 0x76, 0, 0, 0, 0, 0, 0, 0, 1, Math.floor(g), Math.round((g % 1) * 256)];
    expect(isSrgbProfile(await withCurve(gamma(1.8)))).toBe(false);
    expect(isSrgbProfile(await withCurve(gamma(2.2)))).toBe(false);
  });
});

describe.runIf(requireSharedFaces())('sRGB profiles in the shared photos', () => {
  it('tells the sRGB profiles from Adobe RGB, Display P3, ProPhoto and ColorMatch by their colorimetry', async () => {
    const photos = await photosWithProfiles();
    const byName = new Map<string, boolean>();
    for (const { icc } of photos) byName.set(description(icc).replace(/\0/g, ''), isSrgbProfile(icc));
    expect(byName.get('sRGB IEC61966-2.1')).toBe(true);
    expect(byName.get('sRGB built-in')).toBe(true);
    expect(byName.get('c2')).toBe(true); // a compact sRGB profile
    for (const other of ['Adobe RGB (1998)', 'ProPhoto RGB', 'ColorMatch RGB', 'Display']) expect(byName.get(other), other).toBe(false);
  });

  it('skipping an sRGB profile gives the pixels converting through it gives (at most one level apart)', async () => {
    const photos = (await photosWithProfiles()).filter(({ icc, space }) => space === 'srgb' && isSrgbProfile(icc));
    expect(photos.length).toBeGreaterThanOrEqual(10);
    for (const { file } of photos) {
      const bytes = fs.readFileSync(file);
      const decoded = await decodeImage(bytes, limits);
      // What converting through the embedded profile gives (sharp's default), oriented and flattened the same way.
      const converted = await sharp(bytes, { autoOrient: true }).flatten({ background: '#000000' }).toColourspace('srgb').raw().toBuffer();
      expect(converted.length, file).toBe(decoded.data.length);
      let worst = 0;
      for (let i = 0; i < converted.length; i++) worst = Math.max(worst, Math.abs(converted[i]! - decoded.data[i]!));
      expect(worst, file).toBeLessThanOrEqual(1);
    }
  });

  it('a photo with another profile is still converted: its pixels differ from the stored numbers', async () => {
    const photos = (await photosWithProfiles()).filter(({ icc }) => !isSrgbProfile(icc));
    expect(photos.length).toBeGreaterThanOrEqual(3);
    for (const { file } of photos) {
      const bytes = fs.readFileSync(file);
      const decoded = await decodeImage(bytes, limits);
      const stored = await sharp(bytes, { autoOrient: true, ignoreIcc: true }).flatten({ background: '#000000' }).toColourspace('srgb').raw().toBuffer();
      let total = 0;
      for (let i = 0; i < stored.length; i++) total += Math.abs(stored[i]! - decoded.data[i]!);
      expect(total / stored.length, file).toBeGreaterThan(0.3);
    }
  });
});
