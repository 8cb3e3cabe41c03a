/**
 * Identifies a file from its first bytes (magic numbers), never from its name.
 * Pure: no sharp, no I/O, so it is cheap to call on anything.
 */

import { ascii, u32be, u32le } from './header-bytes.js';

/** Formats the decoder reads. AVIF is the only HEIF flavour sharp's prebuilt libvips decodes. */
export type SupportedFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif' | 'bmp';

export type SniffResult =
  /** An image format we decode. */
  | { readonly kind: 'image'; readonly format: SupportedFormat }
  /** A recognised image format we do not decode; `name` is for people (e.g. "HEIC/HEIF"). */
  | { readonly kind: 'unsupported'; readonly format: string; readonly name: string }
  /** Recognisably not an image, or nothing recognisable at all; `what` completes "this is ...". */
  | { readonly kind: 'not-image'; readonly what: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((value, i) => bytes[offset + i] === value);



const image = (format: SupportedFormat): SniffResult => ({ kind: 'image', format });
const unsupported = (format: string, name: string): SniffResult => ({ kind: 'unsupported', format, name });
const notImage = (what: string): SniffResult => ({ kind: 'not-image', what });

const heifBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'mif2', 'msf1']);
const videoBrands = /^(isom|iso[2-9]|mp4[12]|m4[vap] |qt {2}|3g[gp2][0-9a-z ]|avc1|dash|f4[vp] |mmp4|msnv)$/i;

/** ISO base media file (HEIF, AVIF, MP4, CR3, ...): decide by the ftyp box's brands. */
const sniffFtyp = (bytes: Uint8Array): SniffResult => {
  const boxSize = u32be(bytes, 0);
  const end = Math.min(bytes.length, boxSize >= 16 && boxSize <= 4096 ? boxSize : 16);
  const major = ascii(bytes, 8, 4);
  const brands = [major];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(bytes, offset, 4));
  if (brands.includes('avif') || brands.includes('avis')) return image('avif');
  if (brands.some((brand) => heifBrands.has(brand))) return unsupported('heif', 'HEIC/HEIF');
  if (major === 'crx ') return unsupported('cr3', 'Canon RAW (CR3)');
  if (major === 'jxl ') return unsupported('jxl', 'JPEG XL');
  if (major === 'jp2 ' || major === 'jpx ' || major === 'jpm ') return unsupported('jp2', 'JPEG 2000');
  if (videoBrands.test(major)) return notImage('a video or audio file (MP4/QuickTime)');
  return unsupported('isobmff', `an ISO media file (brand '${major.trim()}')`);
};

const looksLikeBmp = (bytes: Uint8Array): boolean => {
  if (!startsWith(bytes, [0x42, 0x4d]) || bytes.length < 26) return false;
  const headerSize = u32le(bytes, 14);
  return [12, 16, 40, 52, 56, 64, 108, 124].includes(headerSize);
};

/** Text when there is no NUL byte, almost no control bytes, and the sample is valid UTF-8. */
const looksLikeText = (sample: Uint8Array): boolean => {
  if (sample.length === 0) return false;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control++;
  }
  if (control > sample.length * 0.01) return false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A multi-byte character may be cut at the end of the sample.
  for (let trim = 0; trim <= 3 && trim < sample.length; trim++) {
    try {
      decoder.decode(sample.subarray(0, sample.length - trim));
      return true;
    } catch {
      // try a shorter sample
    }
  }
  return false;
};

const sniffText = (bytes: Uint8Array): SniffResult | undefined => {
  const sample = bytes.subarray(0, 4096);
  if (!looksLikeText(sample)) return undefined;
  const text = new TextDecoder('utf-8').decode(sample).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (text.startsWith('<') && (text.includes('<svg') || text.startsWith('<!doctype svg'))) return unsupported('svg', 'SVG (vector graphics)');
  if (text.startsWith('#?radiance') || text.startsWith('#?rgbe')) return unsupported('hdr', 'Radiance HDR');
  if (/^p[1-3]\s/.test(text)) return unsupported('ppm', 'Netpbm (PBM/PGM/PPM)');
  if (text.startsWith('%!ps')) return unsupported('eps', 'PostScript/EPS');
  return notImage('a text file');
};

export const sniffFormat = (bytes: Uint8Array): SniffResult => {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return image('jpeg');
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image('png');
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return image('webp');
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return image('gif');
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) && ascii(bytes, 8, 2) === 'CR') return unsupported('cr2', 'Canon RAW (CR2)');
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return image('tiff');
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return image('tiff');
  if (looksLikeBmp(bytes)) return image('bmp');
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a]) || startsWith(bytes, [0xff, 0x0a])) {
    return unsupported('jxl', 'JPEG XL');
  }
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]) || startsWith(bytes, [0xff, 0x4f, 0xff, 0x51])) {
    return unsupported('jp2', 'JPEG 2000');
  }
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp') return sniffFtyp(bytes);
  if (ascii(bytes, 0, 4) === '8BPS') return unsupported('psd', 'Photoshop (PSD)');
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) && bytes.length >= 6 && (bytes[4] ?? 0) + (bytes[5] ?? 0) > 0) return unsupported('ico', 'Windows icon (ICO)');
  if (startsWith(bytes, [0x00, 0x00, 0x02, 0x00]) && bytes.length >= 6 && (bytes[4] ?? 0) + (bytes[5] ?? 0) > 0) return unsupported('cur', 'Windows cursor (CUR)');
  if (ascii(bytes, 0, 5) === '%PDF-') return unsupported('pdf', 'PDF');
  if (startsWith(bytes, [0x76, 0x2f, 0x31, 0x01])) return unsupported('exr', 'OpenEXR');
  if (ascii(bytes, 0, 4) === 'qoif') return unsupported('qoi', 'QOI');
  if (ascii(bytes, 0, 4) === 'DDS ') return unsupported('dds', 'DirectDraw Surface (DDS)');
  if (/^P[4-7]\s$/.test(ascii(bytes, 0, 3))) return unsupported('ppm', 'Netpbm (PBM/PGM/PPM)');
  if (ascii(bytes, 0, 9) === 'SIMPLE  =') return unsupported('fits', 'FITS');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return notImage('a ZIP archive (or a document packed as one)');
  if (startsWith(bytes, [0x1f, 0x8b])) return notImage('a gzip archive');
  if (ascii(bytes, 0, 4) === 'RIFF') return notImage(`a RIFF file (${ascii(bytes, 8, 4).trim() || 'unknown'}), not a WebP image`);
  return sniffText(bytes) ?? notImage('unrecognised binary data');
};
