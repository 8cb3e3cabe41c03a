/**
 * BMP variants the plain writer (bmp-encoder.ts) does not make: 16-bit with
 * bit-field masks (5-6-5 and 5-5-5) and run-length encoded 8- and 4-bit
 * palette images. For decoder tests; the encodings follow the BMP spec.
 */

const header = (width: number, height: number, bits: number, compression: number, paletteCount: number, masks: readonly number[], pixelBytes: number): { out: Uint8Array; view: DataView; pixelOffset: number } => {
  const infoSize = 40;
  const maskBytes = masks.length * 4;
  const pixelOffset = 14 + infoSize + maskBytes + paletteCount * 4;
  const out = new Uint8Array(pixelOffset + pixelBytes);
  const view = new DataView(out.buffer);
  out[0] = 0x42;
  out[1] = 0x4d;
  view.setUint32(2, out.length, true);
  view.setUint32(10, pixelOffset, true);
  view.setUint32(14, infoSize, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, bits, true);
  view.setUint32(30, compression, true);
  view.setUint32(34, pixelBytes, true);
  view.setUint32(46, paletteCount, true);
  masks.forEach((m, i) => view.setUint32(54 + i * 4, m, true));
  return { out, view, pixelOffset };
};

/** 16-bit BI_BITFIELDS, bottom-up. RGB input; what the file can hold is `quantise16` of it. */
export const encodeBmp16 = (rgb: Uint8Array, width: number, height: number, mode: '565' | '555'): Uint8Array => {
  const stride = Math.ceil((width * 2) / 4) * 4;
  const masks = mode === '565' ? [0xf800, 0x07e0, 0x001f] : [0x7c00, 0x03e0, 0x001f];
  const { out, view, pixelOffset } = header(width, height, 16, 3, 0, masks, stride * height);
  for (let y = 0; y < height; y++) {
    const row = pixelOffset + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
      const v = mode === '565' ? ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3) : ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
      view.setUint16(row + x * 2, v, true);
    }
  }
  return out;
};

/** The 8-bit value a 16-bit BMP channel of `bits` bits decodes to (bit replication, as decoders scale). */
export const expand = (v: number, bits: number): number => {
  const q = v >> (8 - bits);
  return Math.round((q * 255) / ((1 << bits) - 1));
};

/** Grey palette of `count` levels, index i = grey (i * 255) / (count - 1). */
const greyPalette = (out: Uint8Array, at: number, count: number): void => {
  for (let i = 0; i < count; i++) {
    const v = Math.round((i * 255) / (count - 1));
    out.set([v, v, v, 0], at + i * 4);
  }
};

/**
 * RLE8 (bits 8) or RLE4 (bits 4) of palette indices (one per pixel, row-major, top row
 * first), bottom-up, grey palette. Runs of equal indices are encoded as runs; the rest in
 * absolute mode; each row ends with 00 00 and the image with 00 01.
 */
export const encodeBmpRle = (indices: Uint8Array, width: number, height: number, bits: 4 | 8, options: { eolBeforeEnd?: boolean } = {}): Uint8Array => {
  const body: number[] = [];
  for (let fileRow = 0; fileRow < height; fileRow++) {
    const y = height - 1 - fileRow;
    const row = Array.from(indices.subarray(y * width, (y + 1) * width));
    let x = 0;
    while (x < width) {
      let run = 1;
      while (x + run < width && run < 255 && row[x + run] === row[x]) run++;
      if (run >= 3 || width - x < 3) {
        body.push(run, bits === 8 ? row[x]! : (row[x]! << 4) | row[x]!);
        x += run;
        continue;
      }
      // Absolute mode: at least 3 pixels until the next run of 3 or the row's end.
      let n = 3;
      while (x + n < width && n < 255 && !(row[x + n] === row[x + n + 1] && row[x + n] === row[x + n + 2])) n++;
      const pixels = row.slice(x, x + n);
      body.push(0, n);
      if (bits === 8) body.push(...pixels);
      else for (let i = 0; i < n; i += 2) body.push((pixels[i]! << 4) | (pixels[i + 1] ?? 0));
      // Absolute runs are padded to a 16-bit boundary.
      const written = bits === 8 ? n : Math.ceil(n / 2);
      if (written % 2 === 1) body.push(0);
      x += n;
    }
    // The last row ends with the end-of-bitmap marker, or (also valid) an end-of-line and then it.
    if (fileRow === height - 1 && options.eolBeforeEnd === true) body.push(0, 0);
    body.push(0, fileRow === height - 1 ? 1 : 0);
  }
  const count = bits === 8 ? 256 : 16;
  const { out, pixelOffset } = header(width, height, bits, bits === 8 ? 1 : 2, count, [], body.length);
  greyPalette(out, 14 + 40, count);
  out.set(body, pixelOffset);
  return out;
};
