/**
 * Keys that arrive in one read (auto-repeat, ssh, a fast typist, tmux
 * send-keys) are handed to Ink one at a time, with React given the time to
 * commit and run its effects in between. A key that switches the screen then
 * reaches the new screen's input handler, which only subscribes once the
 * switch has rendered; Ink alone would give it "1", Down and Enter while the
 * old screen still listens, and a run like "\t\t\t" as one unknown key.
 *
 * A long run of printable characters (a paste) stays one piece: prompts take
 * it whole, as Ink documents for pastes.
 */
import { PassThrough } from 'node:stream';

const ESC = '\u001B';

/** Printable runs at least this long are a paste and stay together. */
export const PASTE_LENGTH = 8;

const isFinalByte = (code: number): boolean => code >= 0x40 && code <= 0x7e;

/** Length of the escape sequence at `i` (CSI, SS3, ESC + one character, or a lone ESC). */
const escapeLength = (text: string, i: number): number => {
  const next = text[i + 1];
  if (next === undefined) return 1;
  if (next === '[') {
    let j = i + 2;
    // Legacy function keys: ESC [ [ A.
    if (text[j] === '[') j++;
    while (j < text.length && !isFinalByte(text.charCodeAt(j))) j++;
    return Math.min(text.length, j + 1) - i;
  }
  if (next === 'O') return Math.min(3, text.length - i);
  if (next === ESC) return 1 + escapeLength(text, i + 1);
  return 1 + (text.codePointAt(i + 1)! > 0xffff ? 2 : 1);
};

const isControl = (code: number): boolean => code < 0x20 || code === 0x7f;

/** Splits one read into keys: escape sequences, control characters, single characters; a long printable run whole. */
export const splitKeys = (text: string): string[] => {
  const keys: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ESC) {
      const length = escapeLength(text, i);
      keys.push(text.slice(i, i + length));
      i += length;
      continue;
    }
    if (isControl(text.charCodeAt(i))) {
      keys.push(text[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== ESC && !isControl(text.charCodeAt(end))) end++;
    const run = text.slice(i, end);
    if (run.length >= PASTE_LENGTH) keys.push(run);
    else keys.push(...Array.from(run));
    i = end;
  }
  return keys;
};

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/**
 * A stdin for Ink that forwards `source` key by key (see above). It passes raw
 * mode, ref/unref and isTTY through to the real stream.
 */
export const pacedStdin = (source: NodeJS.ReadStream): NodeJS.ReadStream => {
  const paced = new PassThrough() as PassThrough & {
    isTTY?: boolean;
    isRaw?: boolean;
    setRawMode?: (mode: boolean) => unknown;
    ref?: () => unknown;
    unref?: () => unknown;
  };
  paced.isTTY = source.isTTY;
  paced.setRawMode = (mode: boolean) => {
    source.setRawMode(mode);
    paced.isRaw = mode;
    return paced;
  };
  paced.ref = () => {
    source.ref();
    return paced;
  };
  paced.unref = () => {
    source.unref();
    return paced;
  };
  const queue: string[] = [];
  let pumping = false;
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        paced.write(queue.shift()!);
        if (queue.length > 0) await settle();
      }
    } finally {
      pumping = false;
    }
  };
  source.setEncoding('utf8');
  source.on('data', (chunk: string) => {
    queue.push(...splitKeys(chunk));
    void pump();
  });
  source.on('end', () => paced.end());
  return paced as unknown as NodeJS.ReadStream;
};
