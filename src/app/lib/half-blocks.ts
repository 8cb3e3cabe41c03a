/**
 * Pixels as terminal text: each character cell shows two pixels stacked, the
 * upper one as the foreground of '▀' and the lower one as its background.
 * Truecolour (24-bit) when the terminal has it, else the xterm 256-colour
 * palette; without them (NO_COLOR, TERM=dumb, a 16-colour terminal such as the
 * Linux console) a greyscale character ramp in plain ASCII, one cell per two
 * pixels vertically. On an ASCII terminal with colour, a space in the cell's mean
 * colour (half the vertical detail, all the colour).
 */
import type { RawImage } from '../../core/image/raw-image.js';
import type { Charset, ColorDepth } from '../theme.js';

const ESC = '\u001B[';
const RESET = `${ESC}0m`;
const RAMP = ' .:-=+*#%@';

const rgbAt = (image: RawImage, x: number, y: number): [number, number, number] => {
  const i = (y * image.width + x) * image.channels;
  const r = image.data[i] ?? 0;
  if (image.channels === 1) return [r, r, r];
  return [r, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0];
};

/** The nearest colour of the xterm 256 palette (6x6x6 cube or the grey ramp). */
export const ansi256 = (r: number, g: number, b: number): number => {
  const level = (v: number): number => (v < 48 ? 0 : v < 115 ? 1 : Math.floor((v - 35) / 40));
  const cube = [0, 95, 135, 175, 215, 255];
  const [cr, cg, cb] = [level(r), level(g), level(b)];
  const cubeIndex = 16 + 36 * cr + 6 * cg + cb;
  const cubeDist = (cube[cr]! - r) ** 2 + (cube[cg]! - g) ** 2 + (cube[cb]! - b) ** 2;
  const grey = Math.round((r + g + b) / 3);
  const greyLevel = grey < 8 ? 0 : grey > 238 ? 23 : Math.round((grey - 8) / 10);
  const greyValue = 8 + greyLevel * 10;
  const greyDist = (greyValue - r) ** 2 + (greyValue - g) ** 2 + (greyValue - b) ** 2;
  return greyDist < cubeDist ? 232 + greyLevel : cubeIndex;
};

const fg = (depth: ColorDepth, [r, g, b]: [number, number, number]): string =>
  depth === 'truecolor' ? `${ESC}38;2;${r};${g};${b}m` : `${ESC}38;5;${ansi256(r, g, b)}m`;
const bg = (depth: ColorDepth, [r, g, b]: [number, number, number]): string =>
  depth === 'truecolor' ? `${ESC}48;2;${r};${g};${b}m` : `${ESC}48;5;${ansi256(r, g, b)}m`;

const luma = ([r, g, b]: [number, number, number]): number => 0.299 * r + 0.587 * g + 0.114 * b;

/** One string per text row: ceil(height / 2) rows of `width` cells. */
export const halfBlockLines = (image: RawImage, depth: ColorDepth, charset: Charset = 'unicode'): string[] => {
  const ramp = depth === 'none' || depth === 'ansi16';
  // An ASCII terminal has no half-block: each cell is a space in the two pixels' mean colour.
  const cells = !ramp && charset === 'ascii';
  const lines: string[] = [];
  for (let y = 0; y < image.height; y += 2) {
    let line = '';
    for (let x = 0; x < image.width; x++) {
      const top = rgbAt(image, x, y);
      const bottom = y + 1 < image.height ? rgbAt(image, x, y + 1) : top;
      if (cells) {
        const mean: [number, number, number] = [Math.round((top[0] + bottom[0]) / 2), Math.round((top[1] + bottom[1]) / 2), Math.round((top[2] + bottom[2]) / 2)];
        line += `${bg(depth, mean)} `;
      } else if (ramp) {
        const v = (luma(top) + luma(bottom)) / 2;
        line += RAMP[Math.min(RAMP.length - 1, Math.floor((v / 256) * RAMP.length))];
      } else {
        line += `${fg(depth, top)}${bg(depth, bottom)}▀`;
      }
    }
    lines.push(ramp ? line : `${line}${RESET}`);
  }
  return lines;
};

/** Draws a 1-pixel rectangle outline (in place on a copy). */
export const drawBox = (
  image: RawImage,
  box: { x1: number; y1: number; x2: number; y2: number },
  rgb: readonly [number, number, number],
): RawImage => {
  const data = new Uint8Array(image.data);
  const set = (x: number, y: number): void => {
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
    const i = (y * image.width + x) * image.channels;
    for (let c = 0; c < Math.min(3, image.channels); c++) data[i + c] = rgb[c]!;
  };
  const x1 = Math.round(box.x1);
  const x2 = Math.round(box.x2);
  const y1 = Math.round(box.y1);
  const y2 = Math.round(box.y2);
  for (let x = x1; x <= x2; x++) {
    set(x, y1);
    set(x, y2);
  }
  for (let y = y1; y <= y2; y++) {
    set(x1, y);
    set(x2, y);
  }
  return { ...image, data };
};

/** Marks points as single pixels (on a copy). */
export const drawPoints = (
  image: RawImage,
  points: readonly { x: number; y: number }[],
  rgb: readonly [number, number, number],
): RawImage => {
  const data = new Uint8Array(image.data);
  for (const p of points) {
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue;
    const i = (y * image.width + x) * image.channels;
    for (let c = 0; c < Math.min(3, image.channels); c++) data[i + c] = rgb[c]!;
  }
  return { ...image, data };
};
