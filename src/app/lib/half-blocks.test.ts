import { describe, expect, it } from 'vitest';
import type { RawImage } from '../../core/image/raw-image.js';
import { ansi256, drawBox, halfBlockLines } from './half-blocks.js';

const image = (width: number, height: number, rgb: (x: number, y: number) => [number, number, number]): RawImage => {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(rgb(x, y), (y * width + x) * 3);
  return { data, width, height, channels: 3 };
};

describe('halfBlockLines', () => {
  it('truecolour: one cell per pixel column, two pixel rows per line, upper pixel in the foreground', () => {
    const lines = halfBlockLines(image(2, 2, (_x, y) => (y === 0 ? [255, 0, 0] : [0, 0, 255])), 'truecolor');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('\u001B[38;2;255;0;0m\u001B[48;2;0;0;255m▀');
    expect(lines[0]?.endsWith('\u001B[0m')).toBe(true);
  });

  it('without colour: a greyscale character ramp and no escape codes', () => {
    const lines = halfBlockLines(image(3, 4, (x) => (x === 0 ? [0, 0, 0] : x === 1 ? [128, 128, 128] : [255, 255, 255])), 'none');
    expect(lines).toEqual([' =@', ' =@']);
  });

  it('16 colours (the Linux console): the same character ramp, which 16 colours could not beat', () => {
    const img = image(3, 4, (x) => (x === 0 ? [0, 0, 0] : x === 1 ? [128, 128, 128] : [255, 255, 255]));
    expect(halfBlockLines(img, 'ansi16')).toEqual(halfBlockLines(img, 'none'));
    expect(halfBlockLines(img, 'ansi16').join('')).not.toContain('\u001B');
  });

  it('an ASCII terminal with colour: one space per cell in the mean colour of its two pixels', () => {
    const img = image(2, 2, (x, y) => (y === 0 ? [200, 0, 0] : x === 0 ? [0, 0, 100] : [100, 100, 100]));
    const [line] = halfBlockLines(img, 'truecolor', 'ascii');
    expect(line).toBe('\u001B[48;2;100;0;50m \u001B[48;2;150;50;50m \u001B[0m');
    expect([...line!].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
  });

  it('256 colours: maps to the cube or the grey ramp', () => {
    expect(ansi256(255, 0, 0)).toBe(196);
    expect(ansi256(128, 128, 128)).toBe(244);
    expect(halfBlockLines(image(1, 1, () => [255, 0, 0]), 'ansi256')[0]).toContain('38;5;196');
  });
});

describe('drawBox', () => {
  it('draws an outline on a copy', () => {
    const src = image(5, 5, () => [0, 0, 0]);
    const out = drawBox(src, { x1: 1, y1: 1, x2: 3, y2: 3 }, [255, 255, 255]);
    expect(out.data[(1 * 5 + 1) * 3]).toBe(255);
    expect(out.data[(2 * 5 + 2) * 3]).toBe(0);
    expect(src.data[(1 * 5 + 1) * 3]).toBe(0);
  });
});
