/**
 * A tiny BMP writer for tests (sharp cannot write BMP). Writes the common
 * variants a decoder meets: 24-bit BI_RGB, 32-bit BGRA with a V4 header and an
 * alpha mask, 8-bit greyscale palette; bottom-up or top-down; optional gap
 * before the pixel data (a decoder must honour the pixel offset field).
 */
export interface BmpEncodeOptions {
  /** 24 (default): RGB input; 32: RGBA input; 8: 1-channel grey input. */
  readonly bits?: 8 | 24 | 32;
  readonly topDown?: boolean;
  /** Extra bytes between the headers/palette and the pixels. */
  readonly gap?: number;
  /** Override the compression field (to fabricate unsupported files). */
  readonly compression?: number;
}

export const encodeBmp = (
  pixels: Uint8Array,
  width: number,
  height: number,
  options: BmpEncodeOptions = {},
): Uint8Array => {
  const bits = options.bits ?? 24;
  const channels = bits === 32 ? 4 : bits === 24 ? 3 : 1;
  if (pixels.length !== width * height * channels) throw new Error(`encodeBmp: expected ${width * height * channels} bytes`);
  const headerSize = bits === 32 ? 108 : 40;
  const paletteSize = bits === 8 ? 256 * 4 : 0;
  const gap = options.gap ?? 0;
  const stride = Math.floor((width * bits + 31) / 32) * 4;
  const pixelOffset = 14 + headerSize + paletteSize + gap;
  const fileSize = pixelOffset + stride * height;
  const out = new Uint8Array(fileSize);
  const view = new DataView(out.buffer);

  out[0] = 0x42; // 'B'
  out[1] = 0x4d; // 'M'
  view.setUint32(2, fileSize, true);
  view.setUint32(10, pixelOffset, true);
  view.setUint32(14, headerSize, true);
  view.setInt32(18, width, true);
  view.setInt32(22, options.topDown === true ? -height : height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, bits, true);
  view.setUint32(30, options.compression ?? (bits === 32 ? 3 : 0), true);
  view.setUint32(34, stride * height, true);
  view.setInt32(38, 2835, true); // 72 dpi
  view.setInt32(42, 2835, true);
  view.setUint32(46, bits === 8 ? 256 : 0, true);
  if (bits === 32) {
    view.setUint32(54, 0x00ff0000, true);
    view.setUint32(58, 0x0000ff00, true);
    view.setUint32(62, 0x000000ff, true);
    view.setUint32(66, 0xff000000, true);
    view.setUint32(70, 0x73524742, true); // 'sRGB'
  }
  if (bits === 8) {
    for (let i = 0; i < 256; i++) out.set([i, i, i, 0], 14 + headerSize + i * 4);
  }

  for (let y = 0; y < height; y++) {
    const fileRow = options.topDown === true ? y : height - 1 - y;
    let o = pixelOffset + fileRow * stride;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      if (channels === 1) {
        out[o++] = pixels[i] ?? 0;
      } else {
        out[o++] = pixels[i + 2] ?? 0; // B
        out[o++] = pixels[i + 1] ?? 0; // G
        out[o++] = pixels[i] ?? 0; // R
        if (channels === 4) out[o++] = pixels[i + 3] ?? 0; // A
      }
    }
  }
  return out;
};
