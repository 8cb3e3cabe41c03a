import decodeBmpPixels from 'decode-bmp';
import { imageErrors } from './image-errors.js';

/**
 * BMP support (libvips cannot read BMP). The header is parsed and checked here,
 * so that size limits apply before any pixel is decoded and odd variants get a
 * clear error; the `decode-bmp` package then unpacks the pixels.
 *
 * decode-bmp assumes a bottom-up image whose pixels follow the palette directly
 * and reads no compression field, so the file is first rewritten into that
 * canonical layout (rows flipped for top-down files, pixel offset honoured).
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
  if (headerSize === 12 || headerSize === 16 || headerSize === 64) throw imageErrors.unsupported('OS/2 BMP', 'old OS/2 header');
  if (![40, 52, 56, 108, 124].includes(headerSize)) throw imageErrors.corrupt('bmp', `unknown header size ${headerSize}`);
  if (bytes.length < fileHeaderSize + infoHeaderSize) throw imageErrors.corrupt('bmp', 'file ends inside the header');

  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bitsPerPixel = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const colorsUsed = view.getUint32(46, true);
  if (width <= 0 || rawHeight === 0 || rawHeight === -2147483648) throw imageErrors.corrupt('bmp', `invalid size ${width}x${rawHeight}`);

  if (compression === BI_RLE8 || compression === BI_RLE4) throw imageErrors.unsupported('RLE-compressed BMP');
  if (compression === BI_JPEG || compression === BI_PNG) throw imageErrors.unsupported('BMP-wrapped JPEG/PNG');
  if (compression !== BI_RGB && compression !== BI_BITFIELDS && compression !== BI_ALPHABITFIELDS) {
    throw imageErrors.corrupt('bmp', `unknown compression ${compression}`);
  }
  if (bitsPerPixel === 16) throw imageErrors.unsupported('16-bit BMP');
  if (![1, 2, 4, 8, 24, 32].includes(bitsPerPixel)) throw imageErrors.corrupt('bmp', `invalid bit depth ${bitsPerPixel}`);

  // Channel masks sit at offset 54 both inside V2+ headers and right after a 40-byte header.
  const hasMasks = compression !== BI_RGB || headerSize >= 52;
  const maskAt = (offset: number): number => (bytes.length >= offset + 4 ? view.getUint32(offset, true) : 0);
  if (compression !== BI_RGB) {
    const standard = maskAt(54) === 0x00ff0000 && maskAt(58) === 0x0000ff00 && maskAt(62) === 0x000000ff;
    if (bitsPerPixel !== 32 || !standard) throw imageErrors.unsupported('BMP with custom bit-field masks');
  }
  const alphaMaskPresent = hasMasks && (headerSize >= 56 || compression === BI_ALPHABITFIELDS);
  const alphaDeclared = bitsPerPixel === 32 && alphaMaskPresent && maskAt(66) === 0xff000000;

  const maxColors = bitsPerPixel <= 8 ? 2 ** bitsPerPixel : 0;
  const paletteSize = bitsPerPixel <= 8 ? (colorsUsed === 0 || colorsUsed > maxColors ? maxColors : colorsUsed) : 0;
  const paletteOffset = fileHeaderSize + headerSize + (headerSize === infoHeaderSize && compression === BI_BITFIELDS ? 12 : 0) +
    (headerSize === infoHeaderSize && compression === BI_ALPHABITFIELDS ? 16 : 0);
  const height = Math.abs(rawHeight);
  const stride = Math.floor((width * bitsPerPixel + 31) / 32) * 4;
  return { width, height, bitsPerPixel, topDown: rawHeight < 0, alphaDeclared, paletteSize, paletteOffset, pixelOffset, stride };
};

/** Rewrites the file into the layout decode-bmp expects: 40-byte header, palette, bottom-up rows. */
const canonicalise = (bytes: Uint8Array, header: BmpHeader): Uint8Array => {
  const { width, height, bitsPerPixel, paletteSize, paletteOffset, pixelOffset, stride } = header;
  const paletteBytes = paletteSize * 4;
  if (paletteOffset + paletteBytes > bytes.length) throw imageErrors.corrupt('bmp', 'file ends inside the palette');
  if (pixelOffset < fileHeaderSize + infoHeaderSize || pixelOffset + stride * height > bytes.length) {
    throw imageErrors.corrupt('bmp', 'pixel data is truncated');
  }
  const start = fileHeaderSize + infoHeaderSize;
  const out = new Uint8Array(start + paletteBytes + stride * height);
  const view = new DataView(out.buffer);
  out[0] = 0x42;
  out[1] = 0x4d;
  view.setUint32(14, infoHeaderSize, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, bitsPerPixel, true);
  view.setUint32(46, paletteSize, true);
  out.set(bytes.subarray(paletteOffset, paletteOffset + paletteBytes), start);
  const pixelsAt = start + paletteBytes;
  if (header.topDown) {
    for (let row = 0; row < height; row++) {
      const from = pixelOffset + row * stride;
      out.set(bytes.subarray(from, from + stride), pixelsAt + (height - 1 - row) * stride);
    }
  } else {
    out.set(bytes.subarray(pixelOffset, pixelOffset + stride * height), pixelsAt);
  }
  return out;
};

/** Decodes a BMP whose header was read (and size-checked) already. */
export const decodeBmp = (bytes: Uint8Array, header: BmpHeader): BmpPixels => {
  const canonical = canonicalise(bytes, header);
  let rgba: Uint8ClampedArray;
  try {
    rgba = decodeBmpPixels(canonical).data;
  } catch (error) {
    throw imageErrors.corrupt('bmp', error);
  }
  const { width, height } = header;
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
