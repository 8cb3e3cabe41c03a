/** Where a face store lives: "memory:", "file:<path.json>" or "sqlite:<path.db>" (default: SQLite in the XDG data folder). */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { xdgDataDir } from '../paths.js';

export const STORE_SCHEMES = ['memory:', 'file:<path.json>', 'sqlite:<path.db>'] as const;

export type StoreLocation =
  | { readonly kind: 'memory' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'sqlite'; readonly path: string };

/** The default store: SQLite in the XDG data folder. */
export const defaultStoreUri = (env: NodeJS.ProcessEnv = process.env): string => `sqlite:${path.join(xdgDataDir(env), 'store.db')}`;

const storeUriHint = `Use one of: ${STORE_SCHEMES.join(', ')} (e.g. sqlite:~/faces.db). Leave store.uri unset for the default (sqlite:$XDG_DATA_HOME/face-auth-tui/store.db).`;

const expandPath = (raw: string, uri: string): string => {
  let p = raw;
  if (p.startsWith('//')) {
    // file:///abs/path style
    try {
      p = fileURLToPath(`file:${p}`);
    } catch (error) {
      throw new UserError('INVALID_ARGUMENT', `Bad store location ${JSON.stringify(uri)}.`, { cause: error, hint: storeUriHint });
    }
  }
  if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
  if (p.length === 0) throw new UserError('INVALID_ARGUMENT', `The store location ${JSON.stringify(uri)} has no path.`, { hint: storeUriHint });
  return path.resolve(p);
};

/** Parses a store URI (null means the default). Throws UserError('INVALID_ARGUMENT') for unknown schemes. */
export const parseStoreUri = (uri: string | null, env: NodeJS.ProcessEnv = process.env): StoreLocation => {
  const text = (uri ?? defaultStoreUri(env)).trim();
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(text);
  const scheme = match?.[1]?.toLowerCase();
  const rest = match?.[2] ?? '';
  switch (scheme) {
    case 'memory':
      if (rest !== '') throw new UserError('INVALID_ARGUMENT', `"memory:" takes no path (got ${JSON.stringify(text)}).`, { hint: storeUriHint });
      return { kind: 'memory' };
    case 'file':
      return { kind: 'file', path: expandPath(rest, text) };
    case 'sqlite':
      return { kind: 'sqlite', path: expandPath(rest, text) };
    default:
      throw new UserError(
        'INVALID_ARGUMENT',
        scheme === undefined ? `The store location ${JSON.stringify(text)} has no scheme.` : `Unknown store scheme "${scheme}:" in ${JSON.stringify(text)}.`,
        { hint: storeUriHint },
      );
  }
};

/** Whether something exists at a store's path (a missing store is not created by commands that only read). */
export const storeFileExists = async (file: string): Promise<boolean> => {
  try {
    await fs.lstat(file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Anything else (no permission...) is left for the backend to report when it opens the path.
    return !(code === 'ENOENT' || code === 'ENOTDIR');
  }
};
