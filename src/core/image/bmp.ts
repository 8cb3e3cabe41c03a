import { decode as decodeBmpPixels } from 'bmpimagejs';
import { imageErrors } from './image-errors.js';

/**
 * BMP support (libvips cannot read BMP). The header is parsed and checked here,
 * so that size limits apply before any pixel is decoded and odd variants get a
 * clear error; the `bmpimagejs` package (a port of NetSurf's libnsbmp) then
 * unpacks the pixels: 1/2/4/8-bit palettes, RLE4 and RLE8, 16-bit (5-5-5, 5-6-5
 * and other bit fields), 24- and 32-bit, bottom-up or top-down, any header from
 * OS/2's 12 bytes to V5's 124.
 */


export interface BmpHeader {
  readonly width: number;
  readonly height: number;
  readonly bitsPerPixel: number;
  readonly topDown: boolean;
  /** 32-bit with a declared alpha mask: the alpha channel may carry transparency. */
  readonly alphaDeclared: boolean;
  readonly paletteSize: number;
  readonly paletteOffset: number;
  readonly pixelOffset: number;
  readonly stride: number;
  readonly compression: number;
  /** 4 (BGRA), or 3 (BGR) in an OS/2 1.x file. */
  readonly paletteEntryBytes: 3 | 4;
}

export interface BmpPixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** 4 only when the alpha channel really carries transparency. */
  readonly channels: 3 | 4;
  /** The file has a real alpha channel (not an all-zero padding byte). */
  readonly hadAlpha: boolean;
}

const BI_RGB = 0;
const BI_RLE8 = 1;
const BI_RLE4 = 2;
const BI_BITFIELDS = 3;
const BI_JPEG = 4;
const BI_PNG = 5;
const BI_ALPHABITFIELDS = 6;

const fileHeaderSize = 14;
const infoHeaderSize = 40;

export const readBmpHeader = (bytes: Uint8Array): BmpHeader => {
  if (bytes.length < fileHeaderSize + 16) throw imageErrors.corrupt('bmp', 'file ends inside the header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pixelOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  if (headerSize === 16 || headerSize === 64) throw imageErrors.unsupported('OS/2 2.x BMP', 'OS/2 2.x header');
  if (![12, 40, 52, 56, 108, 124].includes(headerSize)) throw imageErrors.corrupt('bmp', `unknown header size ${headerSize}`);
  const os2 = headerSize === 12;
  if (bytes.length < fileHeaderSize + (os2 ? 12 : infoHeaderSize)) throw imageErrors.corrupt('bmp', 'file ends inside the header');

  // OS/2 1.x (BITMAPCOREHEADER): 16-bit width and height, no compression field.
  const width = os2 ? view.getUint16(18, true) : view.getInt32(18, true);
  const rawHeight = os2 ? view.getInt16(20, true) : view.getInt32(22, true);
  const bitsPerPixel = view.getUint16(os2 ? 24 : 28, true);
  const compression = os2 ? BI_RGB : view.getUint32(30, true);
  const colorsUsed = os2 ? 0 : view.getUint32(46, true);
  if (width <= 0 || rawHeight === 0 || rawHeight === -2147483648) throw imageErrors.corrupt('bmp', `invalid size ${width}x${rawHeight}`);

  if (compression === BI_JPEG || compression === BI_PNG) throw imageErrors.unsupported('BMP-wrapped JPEG/PNG');
  const known = [BI_RGB, BI_RLE8, BI_RLE4, BI_BITFIELDS, BI_ALPHABITFIELDS];
  if (!known.includes(compression)) throw imageErrors.corrupt('bmp', `unknown compression ${compression}`);
  if (![1, 2, 4, 8, 16, 24, 32].includes(bitsPerPixel)) throw imageErrors.corrupt('bmp', `invalid bit depth ${bitsPerPixel}`);
  if ((compression === BI_RLE8 && bitsPerPixel !== 8) || (compression === BI_RLE4 && bitsPerPixel !== 4)) {
    throw imageErrors.corrupt('bmp', `RLE compression with ${bitsPerPixel} bits per pixel`);
  }
  if ((compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) && bitsPerPixel !== 16 && bitsPerPixel !== 32) {
    throw imageErrors.corrupt('bmp', `bit fields with ${bitsPerPixel} bits per pixel`);
  }

  // Channel masks sit at offset 54 both inside V2+ headers and right after a 40-byte header.
  const hasMasks = compression !== BI_RGB || headerSize >= 52;
  const maskAt = (offset: number): number => (bytes.length >= offset + 4 ? view.getUint32(offset, true) : 0);
  const alphaMaskPresent = hasMasks && (headerSize >= 56 || compression === BI_ALPHABITFIELDS);
  const alphaDeclared = bitsPerPixel === 32 && alphaMaskPresent && maskAt(66) === 0xff000000;

  const maxColors = bitsPerPixel <= 8 ? 2 ** bitsPerPixel : 0;
  const paletteSize = bitsPerPixel <= 8 ? (colorsUsed === 0 || colorsUsed > maxColors ? maxColors : colorsUsed) : 0;
  const paletteOffset = fileHeaderSize + headerSize + (headerSize === infoHeaderSize && compression === BI_BITFIELDS ? 12 : 0) +
    (headerSize === infoHeaderSize && compression === BI_ALPHABITFIELDS ? 16 : 0);
  const height = Math.abs(rawHeight);
  const stride = Math.floor((width * bitsPerPixel + 31) / 32) * 4;
  return { width, height, bitsPerPixel, topDown: rawHeight < 0, alphaDeclared, paletteSize, paletteOffset, pixelOffset, stride, compression, paletteEntryBytes: os2 ? 3 : 4 };
};

/**
 * Walks a run-length encoded pixel stream (RLE8 or RLE4). Data that breaks off before
 * the end-of-bitmap marker is CORRUPT_IMAGE (a decoder would fill the missing rows with
 * black). A stream whose last row ends with an end-of-line right before the end-of-bitmap
 * marker is valid, but bmpimagejs refuses it: that end-of-line is dropped.
 */
const checkRle = (bytes: Uint8Array, header: BmpHeader): Uint8Array => {
  const fourBit = header.compression === BI_RLE4;
  let i = header.pixelOffset;
  let row = 0;
  let lastEol = -1;
  const truncated = (): never => {
    throw imageErrors.corrupt('bmp', 'the run-length data ends before its end-of-bitmap marker');
  };
  for (;;) {
    if (i + 1 >= bytes.length) truncated();
    const count = bytes[i]!;
    const code = bytes[i + 1]!;
    if (count > 0) {
      i += 2; // a run: count pixels of one value (two alternating ones in RLE4)
      continue;
    }
    if (code === 0) {
      lastEol = i;
      row++;
      i += 2;
      continue;
    }
    if (code === 1) break; // end of bitmap
    if (code === 2) {
      if (i + 3 >= bytes.length) truncated();
      row += bytes[i + 3]!;
      i += 4; // delta: move right and down
      continue;
    }
    // Absolute mode: `code` literal pixels, padded to a 16-bit boundary.
    const literal = fourBit ? Math.ceil(code / 2) : code;
    i += 2 + literal + (literal % 2);
    if (i > bytes.length) truncated();
  }
  const endOfBitmap = i;
  if (lastEol === endOfBitmap - 2 && row >= header.height) {
    const fixed = new Uint8Array(bytes.length - 2);
    fixed.set(bytes.subarray(0, lastEol));
    fixed.set(bytes.subarray(lastEol + 2), lastEol);
    return fixed;
  }
  return bytes;
};

const withPadding = (bytes: Uint8Array, extra: number): Uint8Array => {
  const out = new Uint8Array(bytes.length + extra);
  out.set(bytes);
  return out;
};

/** Decodes a BMP whose header was read (and size-checked) already. */
export const decodeBmp = (bytes: Uint8Array, header: BmpHeader): BmpPixels => {
  const { width, height, paletteSize, paletteOffset, pixelOffset, stride, compression, paletteEntryBytes } = header;
  if (paletteOffset + paletteSize * paletteEntryBytes > bytes.length) throw imageErrors.corrupt('bmp', 'file ends inside the palette');
  // RLE data has no fixed size; uncompressed rows must all be there.
  const compressed = compression === BI_RLE8 || compression === BI_RLE4;
  if (pixelOffset >= bytes.length || (!compressed && pixelOffset + stride * height > bytes.length)) throw imageErrors.corrupt('bmp', 'pixel data is truncated');
  const checked = compressed ? checkRle(bytes, header) : bytes;
  let rgba: Uint8ClampedArray;
  try {
    // bmpimagejs refuses a 16-bit file whose last row ends exactly at the end of the file (an
    // off-by-one in its bounds check): a few bytes of padding after the pixels get round it.
    const input = header.bitsPerPixel === 16 && !compressed ? withPadding(checked, 4) : checked.slice();
    const decoded = decodeBmpPixels(input.buffer as ArrayBuffer);
    if (decoded.width !== width || decoded.height !== height) throw new Error(`decoded ${decoded.width}x${decoded.height}, header says ${width}x${height}`);
    rgba = decoded.pixels;
  } catch (error) {
    throw imageErrors.corrupt('bmp', error);
  }
  const pixels = width * height;
  let transparent = false;
  let anyAlpha = false;
  if (header.alphaDeclared) {
    for (let i = 3; i < rgba.length; i += 4) {
      const alpha = rgba[i] ?? 255;
      if (alpha !== 0) anyAlpha = true;
      if (alpha !== 255) transparent = true;
    }
  }
  // An all-zero alpha channel is an unused padding byte, not a fully transparent picture.
  if (transparent && anyAlpha) {
    return { data: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height, channels: 4, hadAlpha: true };
  }
  const rgb = new Uint8Array(pixels * 3);
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    const k = i * 4;
    rgb[j] = rgba[k] ?? 0;
    rgb[j + 1] = rgba[k + 1] ?? 0;
    rgb[j + 2] = rgba[k + 2] ?? 0;
  }
  return { data: rgb, width, height, channels: 3, hadAlpha: header.alphaDeclared && anyAlpha };
};
