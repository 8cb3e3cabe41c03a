import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { xdgConfigDir } from '../paths.js';
import { configSchema, type Config } from './schema.js';

const describeIssue = (issue: z.core.$ZodIssue): string => {
  const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
    return `unknown key ${issue.keys.map((k) => `'${prefix}${k}'`).join(', ')}`;
  }
  return `'${key}': ${issue.message}`;
};

/** Validate an already-parsed object; the error names the offending key. */
export const parseConfig = (raw: unknown, source = 'config'): Config => {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    const first = result.error.issues[0];
    const detail = first === undefined ? 'invalid' : describeIssue(first);
    throw new UserError('CONFIG_INVALID', `${source}: ${detail}`, {
      hint: 'Fix the key in the config file, or delete it to use the default.',
    });
  }
  return result.data;
};

/** The config.yaml shipped beside package.json (the documented defaults). */
export const defaultConfigPath = (): string =>
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'config.yaml');

/** The user's own settings ($XDG_CONFIG_HOME/face-auth-tui/config.yaml): read before the shipped defaults. */
export const userConfigPath = (env: NodeJS.ProcessEnv = process.env): string => path.join(xdgConfigDir(env), 'config.yaml');

const exists = async (file: string): Promise<boolean> =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/**
 * Where a changed setting is saved: the --config file when given; else the user's
 * config file (created if need be), never the config.yaml inside the installed package.
 */
export const writableConfigPath = (explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string =>
  explicit === undefined ? userConfigPath(env) : path.resolve(explicit);

/**
 * Load and validate a YAML config file: the --config path (which must exist), else the
 * user's config file when there is one, else the shipped config.yaml (which may be
 * absent: built-in defaults apply).
 */
export const loadConfig = async (filePath?: string, env: NodeJS.ProcessEnv = process.env): Promise<{ config: Config; path: string | null }> => {
  const user = userConfigPath(env);
  const target = filePath ?? ((await exists(user)) ? user : defaultConfigPath());
  let text: string;
  try {
    text = await fs.readFile(target, 'utf8');
  } catch (error) {
    if (filePath === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { config: parseConfig({}), path: null };
    }
    throw new UserError('CONFIG_INVALID', `cannot read config file ${target}: ${(error as Error).message}`, {
      hint: 'Check the --config path.',
    });
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new UserError('CONFIG_INVALID', `${target}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  return { config: parseConfig(raw, target), path: target };
};
