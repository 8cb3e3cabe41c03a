/**
 * Changes one setting in a YAML config file, keeping everything else: its
 * comments, key order, quoting and spacing.
 *
 * When the key already holds a number or a boolean, only that value's characters are
 * replaced (located with yaml's Document API: parseDocument, then the node's
 * source range), so the rest of the file stays byte for byte. When the key is
 * missing, it is added with `setIn` and the document re-serialised with
 * `toString` (comments are kept; spacing may be normalised).
 * The result is validated against the config schema before it is written, and
 * the write is atomic.
 */
import fs from 'node:fs/promises';
import { isScalar, parse, parseDocument, stringify } from 'yaml';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseConfig } from './load-config.js';

export interface WriteSettingResult {
  readonly file: string;
  /** The value before (undefined when the key or the file did not exist). */
  readonly previous: unknown;
  readonly value: unknown;
  /** The file did not exist and was created. */
  readonly created: boolean;
  /** The file's text after the change. */
  readonly text: string;
}

/** The new text of a YAML document with `keyPath` set to `value` (see the module comment). */
export const setYamlValue = (text: string, keyPath: readonly string[], value: unknown, source = 'config'): { text: string; previous: unknown } => {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new UserError('CONFIG_INVALID', `${source}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`, {
      hint: 'Fix the file by hand first; nothing was changed.',
    });
  }
  const node: unknown = doc.getIn(keyPath, true);
  const previous: unknown = isScalar(node) ? node.value : node;
  const plain = isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean');
  if (plain && node.range !== undefined && node.range !== null && isScalar(doc.createNode(value))) {
    const [start, end] = node.range;
    return { text: `${text.slice(0, start)}${stringify(value).trimEnd()}${text.slice(end)}`, previous };
  }
  try {
    doc.setIn(keyPath, value); // creates the missing maps, also in an empty document
  } catch (error) {
    throw new UserError('CONFIG_INVALID', `${source}: cannot set ${keyPath.join('.')} (${(error as Error).message})`, {
      hint: 'The config file must be a YAML mapping of sections; fix it by hand first.',
    });
  }
  return { text: doc.toString({ flowCollectionPadding: false }), previous };
};

/**
 * Sets `keyPath` to `value` in the YAML config file `file` (created when
 * missing). Throws CONFIG_INVALID, and writes nothing, when the file is not
 * valid YAML or the result would not be a valid config.
 */
export const writeConfigSetting = async (file: string, keyPath: readonly string[], value: unknown): Promise<WriteSettingResult> => {
  // A config that is a symbolic link (dotfiles kept in a repository) is written where it points:
  // replacing the link with a plain file would cut it off from its target.
  const target = await fs.realpath(file).catch(() => file);
  return writeSettingAt(file, target, keyPath, value);
};

const writeSettingAt = async (file: string, target: string, keyPath: readonly string[], value: unknown): Promise<WriteSettingResult> => {
  let text = '';
  let created = false;
  let mode: number | undefined;
  try {
    text = await fs.readFile(file, 'utf8');
    mode = (await fs.stat(file)).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UserError('CONFIG_INVALID', `cannot read config file ${file}: ${(error as Error).message}`, {
        hint: 'Check the --config path and its permissions.',
      });
    }
    created = true;
  }
  const { text: updated, previous } = setYamlValue(text, keyPath, value, file);
  parseConfig(parse(updated) as unknown, file);
  try {
    await writeFileAtomic(target, updated, mode);
  } catch (error) {
    throw new UserError('CONFIG_INVALID', `cannot write config file ${file}: ${(error as Error).message}`, {
      hint: 'Check that the folder is writable, or pass another file with --config.',
    });
  }
  return { file, previous, value, created, text: updated };
};

/** Stores `verification.threshold`. */
export const writeVerificationThreshold = (file: string, threshold: number): Promise<WriteSettingResult> =>
  writeConfigSetting(file, ['verification', 'threshold'], threshold);
