import { describe, expect, it } from 'vitest';
import { seededBytes } from '../../../test/support/image-fixtures.js';
import { sniffFormat } from './sniff-format.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? Array.from(part, (ch) => ch.charCodeAt(0)) : part)));

/** An ISO-BMFF ftyp box: size, 'ftyp', major brand, minor version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]): Uint8Array => {
  const size = 16 + compatible.length * 4;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], 'meta');
};

describe('sniffFormat', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a])],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['gif', bytes('GIF87a', [1, 0, 1, 0])],
    ['tiff', bytes('II', [0x2a, 0, 8, 0, 0, 0])],
    ['tiff', bytes('MM', [0, 0x2a, 0, 0, 0, 8])],
    ['tiff', bytes('II', [0x2b, 0, 8, 0, 0, 0])],
    ['bmp', bytes('BM', [0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0], new Array<number>(12).fill(0))],
    ['avif', ftyp('avif', 'mif1', 'miaf')],
    ['avif', ftyp('mif1', 'avif', 'miaf')],
    ['avif', ftyp('avis', 'msf1')],
  ])('recognises %s from its magic bytes', (format, data) => {
    expect(sniffFormat(data)).toEqual({ kind: 'image', format });
  });

  it.each([
    ['HEIC/HEIF', ftyp('heic', 'mif1', 'heic')],
    ['HEIC/HEIF', ftyp('mif1', 'mif1', 'heic')],
    ['HEIC/HEIF', ftyp('heix')],
    ['JPEG XL', bytes([0xff, 0x0a, 0xfa, 0x1f])],
    ['JPEG XL', bytes([0, 0, 0, 0x0c], 'JXL ', [0x0d, 0x0a, 0x87, 0x0a])],
    ['JPEG 2000', bytes([0, 0, 0, 0x0c], 'jP  ', [0x0d, 0x0a, 0x87, 0x0a])],
    ['SVG', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['SVG', bytes([0xef, 0xbb, 0xbf], '  <svg width="10"/>')],
    ['PSD', bytes('8BPS', [0, 1, 0, 0])],
    ['ICO', bytes([0, 0, 1, 0, 1, 0, 16, 16])],
    ['PDF', bytes('%PDF-1.7\n%\xe2\xe3')],
    ['OpenEXR', bytes([0x76, 0x2f, 0x31, 0x01, 2, 0, 0, 0])],
    ['CR3', ftyp('crx ', 'crx ', 'isom')],
    ['CR2', bytes('II', [0x2a, 0, 0x10, 0, 0, 0], 'CR', [2, 0])],
    ['Netpbm', bytes('P6\n4 4\n255\n', [1, 2, 3])],
  ])('names the unsupported format %s', (name, data) => {
    const result = sniffFormat(data);
    expect(result.kind).toBe('unsupported');
    expect(result.kind === 'unsupported' ? result.name : '').toContain(name);
  });

  it.each([
    ['text', bytes('Hello, this is a plain text file.\nNot an image at all.\n')],
    ['text', bytes('Unicode text: caf\xc3\xa9 \xe2\x82\xac\n')],
    ['text', bytes('<!doctype html><html><body>hi</body></html>')],
    ['video', ftyp('isom', 'isom', 'mp41')],
    ['ZIP', bytes('PK', [3, 4, 20, 0])],
    ['RIFF', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt ')],
    ['unrecognised', seededBytes(4096, 1)],
    ['unrecognised', seededBytes(3, 2)],
    ['unrecognised', bytes('BM', [1, 2, 3])],
  ])('says what a non-image looks like (%s)', (what, data) => {
    const result = sniffFormat(data);
    expect(result.kind).toBe('not-image');
    expect(result.kind === 'not-image' ? result.what : '').toContain(what);
  });

  it('is not fooled by text that starts with "BM"', () => {
    expect(sniffFormat(bytes('BMW and Porsche are car makers.\n'))).toEqual({ kind: 'not-image', what: 'a text file' });
  });
});
