import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { useState } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProviders } from '../app-context.js';
import type { AppServices } from '../services.js';
import { createTheme } from '../theme.js';
import type { AppActions, AppState } from '../use-app-state.js';
import { splitPaths } from '../lib/path-complete.js';
import { PathPrompt } from './path-prompt.js';

interface Seen {
  value: string;
  submitted: string[];
  cancelled: number;
}

/** The prompt with an owner that keeps the text, as the screens do. */
interface OwnerProps {
  readonly onValue: (value: string) => void;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  readonly cwd?: string;
  readonly multiple?: boolean;
}

const Owner = ({ onValue, onSubmit, onCancel, cwd, multiple }: OwnerProps) => {
  const [value, setValue] = useState('');
  return (
    <AppProviders state={{} as AppState} actions={{} as AppActions} services={{} as AppServices} theme={createTheme({ NO_COLOR: '1' })} layout={{ columns: 100, rows: 30 } as never}>
      <PathPrompt
        label="Path:"
        value={value}
        onChange={(next) => {
          onValue(next);
          setValue(next);
        }}
        onSubmit={onSubmit}
        onCancel={onCancel}
        active
        {...(cwd === undefined ? {} : { cwd })}
        {...(multiple === undefined ? {} : { multiple })}
      />
    </AppProviders>
  );
};

const setup = (options: { cwd?: string; multiple?: boolean } = {}) => {
  const seen: Seen = { value: '', submitted: [], cancelled: 0 };
  const ui = render(
    <Owner
      onValue={(value) => (seen.value = value)}
      onSubmit={() => seen.submitted.push(seen.value)}
      onCancel={() => (seen.cancelled += 1)}
      {...options}
    />,
  );
  const frame = (): string => ui.lastFrame() ?? '';
  const waitFor = async (predicate: (f: string) => boolean): Promise<string> => {
    const deadline = Date.now() + 5_000;
    while (!predicate(frame())) {
      if (Date.now() > deadline) throw new Error(`timed out; last frame:\n${frame()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return frame();
  };
  /** Writes one chunk (one read), once the prompt listens, and waits for the frame to change. */
  const write = async (chunk: string, expected: (f: string) => boolean): Promise<string> => {
    await waitFor((f) => f.includes('Path:'));
    await new Promise((resolve) => setImmediate(resolve)); // input handlers subscribe in passive effects
    ui.stdin.write(chunk);
    return waitFor(expected);
  };
  return { seen, ui, frame, waitFor, write };
};

describe('PathPrompt', () => {
  it('applies several Backspaces read at once, then keeps taking text', async () => {
    const { seen, write, ui } = setup();
    await write('/work/photos', (f) => f.includes('/work/photos'));
    await write('\u007F\u007F\u007F', (f) => f.includes('Path: /work/pho') && !f.includes('photos'));
    expect(seen.value).toBe('/work/pho');
    await write('x', (f) => f.includes('/work/phox'));
    ui.unmount();
  });

  it('keeps fast typing in order, and Enter in the same read submits all of it', async () => {
    const { seen, write, waitFor, ui } = setup();
    await write('/work/', (f) => f.includes('/work/'));
    ui.stdin.write('shared/');
    ui.stdin.write('faces');
    ui.stdin.write('\u007Fs\r');
    await waitFor(() => seen.submitted.length === 1);
    expect(seen.submitted).toEqual(['/work/shared/faces']);
    ui.unmount();
  });

  it('Ctrl+U clears the line and Ctrl+W deletes a path segment (no literal letters)', async () => {
    const { seen, write, ui } = setup();
    await write('/work/shared/faces', (f) => f.includes('faces'));
    await write('\u0017', (f) => f.includes('Path: /work/shared/') && !f.includes('faces'));
    await write('\u0015', (f) => !f.includes('/work'));
    expect(seen.value).toBe('');
    await write('abc\u0015def', (f) => f.includes('Path: def'));
    expect(seen.value).toBe('def');
    ui.unmount();
  });

  it('Esc cancels', async () => {
    const { seen, write, waitFor, ui } = setup();
    await write('abc', (f) => f.includes('abc'));
    ui.stdin.write('\u001B');
    await waitFor(() => seen.cancelled === 1);
    ui.unmount();
  });

  describe('Tab completion of several paths', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'prompt-'));
      await fs.mkdir(path.join(dir, 'My Photos'));
      await fs.writeFile(path.join(dir, 'My Photos', 'alice one.jpg'), '');
      await fs.writeFile(path.join(dir, 'b.jpg'), '');
    });
    afterAll(() => fs.rm(dir, { recursive: true, force: true }));

    it('escapes spaces in what it inserts, and the paths split back whole', async () => {
      const { seen, write, ui } = setup({ cwd: dir, multiple: true });
      await write('b.jpg My', (f) => f.includes('b.jpg My'));
      await write('\t', (f) => f.includes('My\\ Photos/'));
      await write('\t', (f) => f.includes('alice\\ one.jpg'));
      expect(seen.value).toBe('b.jpg My\\ Photos/alice\\ one.jpg');
      expect(splitPaths(seen.value)).toEqual(['b.jpg', 'My Photos/alice one.jpg']);
      ui.unmount();
    });
  });
});
