import os from 'node:os';
import path from 'node:path';

const appName = 'face-auth-tui';

/** `~` or `~/...` as the home folder; any other path unchanged. */
export const expandHome = (p: string): string => (p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p);

/** XDG base directories, with the usual fallbacks. */
export const xdgCacheDir = (env: NodeJS.ProcessEnv = process.env): string =>
  path.join(env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache'), appName);

export const xdgDataDir = (env: NodeJS.ProcessEnv = process.env): string =>
  path.join(env['XDG_DATA_HOME'] || path.join(os.homedir(), '.local', 'share'), appName);

export const xdgConfigDir = (env: NodeJS.ProcessEnv = process.env): string =>
  path.join(env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config'), appName);
