/**
 * Reading just enough of an ICC profile to tell whether it describes sRGB.
 *
 * Many cameras, phones and editors embed an sRGB profile in every photo. Converting
 * through it changes no pixel (measured: at most one level, on one pixel, over the
 * shared photos) yet costs libvips two to three times the decode itself, so the
 * decoder skips it for profiles that ARE sRGB and converts through every other one
 * (Adobe RGB, Display P3, ProPhoto...). "Is sRGB" is decided from the profile's
 * colorimetry, not its name: an RGB matrix/TRC profile (no lookup-table tags, which
 * would take precedence in a colour engine) whose colorants match sRGB's D50-adapted
 * primaries and whose three tone curves match the sRGB curve to within half an
 * 8-bit level at every one of the 256 input levels.
 */

import { ascii } from './header-bytes.js';

/** sRGB's primaries adapted to D50 (Bradford), as every ICC v2/v4 sRGB profile stores them. */
const srgbColorants = {
  rXYZ: [0.436065, 0.222488, 0.013916],
  gXYZ: [0.385147, 0.716873, 0.097076],
  bXYZ: [0.143066, 0.060608, 0.714096],
} as const;

/** Colorant tolerance: the sRGB profiles in use differ by up to ~0.0003; 0.002 moves no 8-bit level. */
const colorantTolerance = 0.002;

/** Largest allowed difference between a tone curve and sRGB's, in 8-bit levels of the sRGB encoding. */
const curveToleranceLevels = 0.5;

interface TagEntry {
  readonly offset: number;
  readonly size: number;
}

const readTags = (view: DataView, bytes: Uint8Array): Map<string, TagEntry> | undefined => {
  if (bytes.length < 132) return undefined;
  const count = view.getUint32(128);
  if (count > 1000 || 132 + count * 12 > bytes.length) return undefined;
  const tags = new Map<string, TagEntry>();
  for (let i = 0; i < count; i++) {
    const at = 132 + i * 12;
    const offset = view.getUint32(at + 4);
    const size = view.getUint32(at + 8);
    if (offset + size > bytes.length || size < 8) return undefined;
    tags.set(ascii(bytes, at, 4), { offset, size });
  }
  return tags;
};

const s15Fixed16 = (view: DataView, at: number): number => view.getInt32(at) / 65536;

const readXyz = (view: DataView, bytes: Uint8Array, tag: TagEntry | undefined): [number, number, number] | undefined => {
  if (tag === undefined || tag.size < 20 || ascii(bytes, tag.offset, 4) !== 'XYZ ') return undefined;
  return [s15Fixed16(view, tag.offset + 8), s15Fixed16(view, tag.offset + 12), s15Fixed16(view, tag.offset + 16)];
};

/** A tone curve as a function of 0..1, or undefined when the tag is not a curve this module reads. */
const readCurve = (view: DataView, bytes: Uint8Array, tag: TagEntry | undefined): ((x: number) => number) | undefined => {
  if (tag === undefined) return undefined;
  const type = ascii(bytes, tag.offset, 4);
  if (type === 'curv') {
    if (tag.size < 12) return undefined;
    const n = view.getUint32(tag.offset + 8);
    if (tag.size < 12 + 2 * n) return undefined;
    if (n === 0) return (x) => x;
    if (n === 1) {
      const gamma = view.getUint16(tag.offset + 12) / 256;
      return (x) => x ** gamma;
    }
    const table = new Float64Array(n);
    for (let i = 0; i < n; i++) table[i] = view.getUint16(tag.offset + 12 + 2 * i) / 65535;
    return (x) => {
      const p = x * (n - 1);
      const i = Math.min(n - 2, Math.floor(p));
      const f = p - i;
      return (table[i] ?? 0) * (1 - f) + (table[i + 1] ?? 0) * f;
    };
  }
  if (type === 'para') {
    if (tag.size < 12) return undefined;
    const fn = view.getUint16(tag.offset + 8);
    const counts = [1, 3, 4, 5, 7];
    const count = counts[fn];
    if (count === undefined || tag.size < 12 + 4 * count) return undefined;
    const p = Array.from({ length: count }, (_, i) => s15Fixed16(view, tag.offset + 12 + 4 * i));
    const [g = 1, a = 1, b = 0, c = 0, d = 0, e = 0, f = 0] = p;
    switch (fn) {
      case 0:
        return (x) => x ** g;
      case 1:
        return (x) => (x >= -b / a ? (a * x + b) ** g : 0);
      case 2:
        return (x) => (x >= -b / a ? (a * x + b) ** g + c : c);
      case 3:
        return (x) => (x >= d ? (a * x + b) ** g : c * x);
      default:
        return (x) => (x >= d ? (a * x + b) ** g + e : c * x + f);
    }
  }
  return undefined;
};


const srgbEncode = (l: number): number => (l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055);

const curveIsSrgb = (curve: (x: number) => number): boolean => {
  for (let v = 0; v < 256; v++) {
    const linear = Math.min(1, Math.max(0, curve(v / 255)));
    if (!Number.isFinite(linear)) return false;
    if (Math.abs(srgbEncode(linear) * 255 - v) > curveToleranceLevels) return false;
  }
  return true;
};

/** True when the profile describes sRGB (see the module comment); false for anything else or anything unreadable. */
export const isSrgbProfile = (icc: Uint8Array): boolean => {
  try {
    return describesSrgb(icc);
  } catch {
    // A damaged profile (a tag reaching past the end...): not known to be sRGB, so libvips converts it as before.
    return false;
  }
};

const describesSrgb = (icc: Uint8Array): boolean => {
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  if (icc.length < 132 || ascii(icc, 36, 4) !== 'acsp') return false;
  if (ascii(icc, 16, 4) !== 'RGB ' || ascii(icc, 20, 4) !== 'XYZ ') return false;
  const tags = readTags(view, icc);
  if (tags === undefined) return false;
  // Lookup-table transforms take precedence over the matrix in a colour engine: only matrix/TRC profiles qualify.
  for (const name of tags.keys()) if (/^(A2B|B2A|D2B|B2D)\d$/.test(name)) return false;
  for (const [name, expected] of Object.entries(srgbColorants)) {
    const xyz = readXyz(view, icc, tags.get(name));
    if (xyz === undefined || xyz.some((v, i) => Math.abs(v - (expected[i] ?? 0)) > colorantTolerance)) return false;
  }
  for (const name of ['rTRC', 'gTRC', 'bTRC']) {
    const curve = readCurve(view, icc, tags.get(name));
    if (curve === undefined || !curveIsSrgb(curve)) return false;
  }
  return true;
};


