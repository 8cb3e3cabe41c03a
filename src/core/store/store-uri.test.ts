import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, TEST_PROFILE } from '../../../test/support/store-fixtures.js';
import { catchUserError } from '../../../test/support/user-errors.js';
import { openStore } from './face-store.js';
import { defaultStoreUri, parseStoreUri } from './store-uri.js';

describe('store URIs', () => {
  it('parses memory:, file: and sqlite: (relative, ~ and file:// paths)', () => {
    expect(parseStoreUri('memory:')).toEqual({ kind: 'memory' });
    expect(parseStoreUri('file:faces.json')).toEqual({ kind: 'file', path: path.resolve('faces.json') });
    expect(parseStoreUri('file:///srv/faces.json')).toEqual({ kind: 'file', path: '/srv/faces.json' });
    expect(parseStoreUri('sqlite:~/faces.db')).toEqual({ kind: 'sqlite', path: path.join(os.homedir(), 'faces.db') });
    expect(parseStoreUri('SQLITE:/tmp/x.db')).toEqual({ kind: 'sqlite', path: '/tmp/x.db' });
  });

  it.each(['postgres://db/faces', 'faces.db', 'file:', 'memory:extra'])('rejects %j with a hint listing the schemes', async (uri) => {
    const error = await catchUserError(() => openStore(uri, TEST_PROFILE));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.hint).toMatch(/memory:, file:<path\.json>, sqlite:<path\.db>/);
  });

  it('defaults to SQLite in the XDG data folder, created 0600', async () => {
    const temp = makeTempDir();
    try {
      const env = { XDG_DATA_HOME: path.join(temp.dir, 'data') };
      const expected = path.join(temp.dir, 'data', 'face-auth-tui', 'store.db');
      expect(defaultStoreUri(env)).toBe(`sqlite:${expected}`);
      const store = await openStore(null, TEST_PROFILE, { env });
      expect(store.kind).toBe('sqlite');
      expect(store.uri).toBe(`sqlite:${expected}`);
      expect(fs.statSync(expected).mode & 0o777).toBe(0o600);
      await store.close();
    } finally {
      temp.remove();
    }
  });
});
