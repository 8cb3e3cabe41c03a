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

const readLayer = async (file: string, required: boolean): Promise<Record<string, unknown> | null> => {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError('CONFIG_INVALID', `cannot read config file ${file}: ${(error as Error).message}`, {
      hint: required ? 'Check the --config path.' : 'Check the file and its permissions, or delete it to use the defaults.',
    });
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new UserError('CONFIG_INVALID', `${file}: not valid YAML (${(error as Error).message.split('\n')[0]})`, {
      hint: 'Fix the line it names (indent with spaces, `key: value` pairs); the shipped config.yaml shows every setting.',
    });
  }
  parseConfig(raw, file); // each file is checked on its own, so the error names the file that holds the bad key
  return resolvePaths(isPlainObject(raw) ? raw : {}, path.dirname(file));
};

/** A path written in a config file: relative to that file's folder; `~` and absolute paths stay as they are. */
const fromFolder = (folder: string, value: string): string =>
  value === '~' || value.startsWith('~/') || path.isAbsolute(value) ? value : path.resolve(folder, value);

/** A store URI's path is a path like the others (`sqlite:./people.db`); `memory:` and `file:///...` stay. */
const storeUriFromFolder = (folder: string, uri: string): string => {
  const match = /^\s*(file|sqlite):(.*)$/is.exec(uri);
  const scheme = match?.[1];
  const rest = match?.[2] ?? '';
  if (scheme === undefined || rest === '' || rest.startsWith('//')) return uri;
  return `${scheme}:${fromFolder(folder, rest)}`;
};

/** The settings that are paths, each resolved as it is written (section, key, resolve). */
const pathSettings: readonly [string, string, (folder: string, value: string) => string][] = [
  ['models', 'dir', fromFolder],
  ['store', 'uri', storeUriFromFolder],
  ['auth', 'auditLog', fromFolder],
  ['workbench', 'facesDir', fromFolder],
];

/**
 * Every relative path a config file sets is relative to the file that sets it, not to
 * the folder the command runs in (a config shared by scripts run from anywhere keeps
 * meaning the same files). `--store` on the command line is not a config value: it
 * stays relative to the current folder.
 */
const resolvePaths = (layer: Record<string, unknown>, folder: string): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...layer };
  for (const [section, key, resolve] of pathSettings) {
    const values = out[section];
    if (!isPlainObject(values) || typeof values[key] !== 'string') continue;
    out[section] = { ...values, [key]: resolve(folder, values[key]) };
  }
  return out;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `over` on top of `base`: sections merge key by key; values (lists too) replace. */
export const mergeLayers = (base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = isPlainObject(below) && isPlainObject(value) ? mergeLayers(below, value) : value;
  }
  return out;
};

/**
 * Load and validate the settings: the shipped config.yaml (the documented
 * defaults; may be absent: the schema's defaults apply), with on top of it the
 * --config file (which must exist) or else the user's config file when there is
 * one. Any key may be left out of the upper file: the shipped value stays.
 * `path` is the upper file when there is one, else the shipped file.
 */
export const loadConfig = async (filePath?: string, env: NodeJS.ProcessEnv = process.env): Promise<{ config: Config; path: string | null }> => {
  const shippedPath = defaultConfigPath();
  const shipped = await readLayer(shippedPath, false);
  const user = userConfigPath(env);
  const upperPath = filePath ?? ((await exists(user)) ? user : null);
  const upper = upperPath === null ? null : await readLayer(upperPath, true);
  const merged = mergeLayers(shipped ?? {}, upper ?? {});
  return { config: parseConfig(merged, upperPath ?? shippedPath), path: upperPath ?? (shipped === null ? null : shippedPath) };
};
