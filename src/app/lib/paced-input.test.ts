import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PASTE_LENGTH, pacedStdin, splitKeys } from './paced-input.js';

describe('splitKeys', () => {
  it('splits a read into keys: characters, control keys and escape sequences', () => {
    expect(splitKeys('1\u001B[B\r')).toEqual(['1', '\u001B[B', '\r']);
    expect(splitKeys('\t\t\t')).toEqual(['\t', '\t', '\t']);
    expect(splitKeys('1q')).toEqual(['1', 'q']);
    expect(splitKeys('\u001B[1;2C\u001BOA\u001B\u001B[A\u001Bx\u001B')).toEqual(['\u001B[1;2C', '\u001BOA', '\u001B\u001B[A', '\u001Bx', '\u001B']);
    expect(splitKeys('\u001B[[A\u001B[5~')).toEqual(['\u001B[[A', '\u001B[5~']);
    expect(splitKeys('a\u007F\u0003')).toEqual(['a', '\u007F', '\u0003']);
    expect(splitKeys('é😀')).toEqual(['é', '😀']);
  });

  it('keeps a paste (a long printable run) whole', () => {
    const path = '/home/ada/photos/me.jpg';
    expect(path.length).toBeGreaterThanOrEqual(PASTE_LENGTH);
    expect(splitKeys(`${path}\r`)).toEqual([path, '\r']);
  });
});

describe('pacedStdin', () => {
  it('hands the keys of one read over one by one, in order, and passes raw mode through', async () => {
    const source = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: (m: boolean) => void; ref: () => void; unref: () => void; raw: boolean[] };
    source.isTTY = true;
    source.raw = [];
    source.setRawMode = (m) => void source.raw.push(m);
    source.ref = () => undefined;
    source.unref = () => undefined;
    const paced = pacedStdin(source as unknown as NodeJS.ReadStream);
    expect(paced.isTTY).toBe(true);
    paced.setRawMode(true);
    expect(source.raw).toEqual([true]);
    const reads: string[] = [];
    paced.setEncoding('utf8');
    paced.on('data', (chunk: string) => reads.push(chunk));
    source.write('1\u001B[B\r\t\t');
    await new Promise<void>((resolve) => {
      const poll = (): void => (reads.length >= 5 ? resolve() : void setTimeout(poll, 5));
      poll();
    });
    expect(reads).toEqual(['1', '\u001B[B', '\r', '\t', '\t']);
  });
});
