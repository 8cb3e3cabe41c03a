import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';
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

/**
 * Load and validate a YAML config file. An explicit path must exist; the
 * default path may be absent (built-in defaults apply).
 */
export const loadConfig = async (filePath?: string): Promise<{ config: Config; path: string | null }> => {
  const target = filePath ?? defaultConfigPath();
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
