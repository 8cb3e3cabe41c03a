import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { xdgCacheDir } from '../paths.js';
import { modelFileName, type Manifest, type ModelEntry, type ModelRole } from './manifest.js';

/**
 * The model cache: a flat directory holding each model under its base name.
 * Files only ever appear there by atomic rename of a verified temp file.
 */

export type ModelFileStatus = 'ok' | 'missing' | 'corrupt';

export interface ModelStatus {
  readonly id: string;
  readonly role: ModelRole;
  /** Absolute path of the cached file. */
  readonly file: string;
  readonly status: ModelFileStatus;
  /** Size on disk in bytes, or null when there is no file. */
  readonly size: number | null;
  readonly expectedSize: number;
  /** Whether the SHA-256 matches; null when there is no file. A file of the wrong size is not hashed (false). */
  readonly sha256Ok: boolean | null;
  readonly license: string;
}

const expandHome = (dir: string): string =>
  dir === '~' ? os.homedir() : dir.startsWith('~/') ? path.join(os.homedir(), dir.slice(2)) : dir;

/**
 * Where model weights are cached: $FACE_AUTH_MODELS_DIR if set (CI, tests),
 * else config.models.dir, else <XDG cache>/face-auth-tui/models.
 */
export const resolveModelDir = (config: Pick<Config, 'models'>, env: NodeJS.ProcessEnv = process.env): string => {
  const override = env['FACE_AUTH_MODELS_DIR'];
  if (override !== undefined && override !== '') return path.resolve(expandHome(override));
  if (config.models.dir !== null) return path.resolve(expandHome(config.models.dir));
  return path.join(xdgCacheDir(env), 'models');
};

export const modelPath = (dir: string, model: ModelEntry): string => path.join(dir, modelFileName(model));

/** SHA-256 of a file as lowercase hex, streamed. */
export const sha256File = async (file: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

/** Check one cached model: present, right size, right SHA-256. */
export const checkModelFile = async (dir: string, model: ModelEntry): Promise<ModelStatus> => {
  const file = modelPath(dir, model);
  const base = { id: model.id, role: model.role, file, expectedSize: model.size, license: model.license };
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { ...base, status: 'corrupt', size: null, sha256Ok: false };
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ...base, status: 'missing', size: null, sha256Ok: null };
    return { ...base, status: 'corrupt', size: null, sha256Ok: false };
  }
  if (size !== model.size) return { ...base, status: 'corrupt', size, sha256Ok: false };
  let sha256Ok: boolean;
  try {
    sha256Ok = (await sha256File(file)) === model.sha256;
  } catch {
    sha256Ok = false;
  }
  return { ...base, status: sha256Ok ? 'ok' : 'corrupt', size, sha256Ok };
};

/** The status of every model in the manifest, in manifest order. */
export const modelStatus = (manifest: Manifest, dir: string): Promise<ModelStatus[]> =>
  Promise.all(manifest.models.map((model) => checkModelFile(dir, model)));
