/**
 * The append-only audit log: JSON lines in a file beside the store (created
 * 0600, in a folder created 0700), or in memory for a memory: store. Each
 * entry is one `appendFile` of one short line, which POSIX O_APPEND keeps whole
 * even when two processes write at once. A damaged line is counted and
 * skipped, never fatal.
 *
 * The lockout only needs the end of the log: `readNewestFirst` reads the file
 * backwards in chunks, so a check costs the same with 200,000 lines as with 20.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { getErrorMessage, UserError } from '../errors.js';
import { parseStoreUri } from '../store/store-uri.js';
import { parseAuditLine, type AuditEntry } from './audit-entry.js';
import { makeDir } from '../fs/make-dir.js';

export interface AuditRead {
  readonly entries: AuditEntry[];
  /** Lines that were not valid entries (skipped). */
  readonly damaged: number;
}

export interface AuditLog {
  /** The file, or null for an in-memory log. */
  readonly path: string | null;
  append(entry: AuditEntry): Promise<void>;
  /** Every entry, oldest first. */
  read(): Promise<AuditRead>;
  /** The entries newest first, read lazily from the end (damaged lines skipped): stop when you know enough. */
  readNewestFirst(): AsyncIterable<AuditEntry>;
}

export interface FileAuditLogOptions {
  /**
   * Create the file (and its folder) on the first append: true by default. With
   * false, entries are appended only to a file that already exists (a command
   * reading a store that does not exist yet creates nothing).
   */
  readonly create?: boolean;
  /** Bytes read per step by readNewestFirst (tests use small ones). */
  readonly chunkBytes?: number;
}

/** Where the audit log of a store lives: `<store file>.audit.jsonl`, or null (in memory) for memory:. */
export const auditPathForStore = (storeUri: string | null, env: NodeJS.ProcessEnv = process.env): string | null => {
  const location = parseStoreUri(storeUri, env);
  return location.kind === 'memory' ? null : `${location.path}.audit.jsonl`;
};

const auditError = (file: string, action: string, error: unknown): UserError =>
  new UserError('STORE_ERROR', `Cannot ${action} the audit log ${file}: ${getErrorMessage(error)}`, {
    hint: 'Check the disk and the file permissions, or set auth.auditLog in config.yaml to another file.',
    cause: error,
  });

const parseLines = (text: string): AuditRead => {
  const entries: AuditEntry[] = [];
  let damaged = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry = parseAuditLine(line);
    if (entry === undefined) damaged++;
    else entries.push(entry);
  }
  return { entries, damaged };
};

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

const NEWLINE = 0x0a;

/** The lines of a file, last first, read backwards `chunkBytes` at a time. Splitting bytes at '\n' is safe in UTF-8. */
async function* linesFromEnd(file: string, chunkBytes: number): AsyncGenerator<string> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if (isMissing(error)) return;
    throw auditError(file, 'read', error);
  }
  try {
    let position = (await handle.stat()).size;
    /** The start of the line that continues into the part already read (no newline seen before it yet). */
    let carry = Buffer.alloc(0);
    while (position > 0) {
      const length = Math.min(chunkBytes, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await handle.read(chunk, got, length - got, position + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      const bytes = carry.length === 0 ? chunk : Buffer.concat([chunk, carry]);
      let end = bytes.length;
      for (let i = bytes.length - 1; i >= 0; i--) {
        if (bytes[i] !== NEWLINE) continue;
        if (end > i + 1) yield bytes.toString('utf8', i + 1, end);
        end = i;
      }
      carry = bytes.subarray(0, end);
    }
    if (carry.length > 0) yield carry.toString('utf8');
  } finally {
    await handle.close();
  }
}

async function* entriesOf(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<AuditEntry> {
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const entry = parseAuditLine(line);
    if (entry !== undefined) yield entry;
  }
}

/**
 * Appends one line with one write (O_APPEND keeps it whole), starting it with a newline
 * when the file does not end with one: a process that died mid-write leaves a partial
 * last line, and the next entry must not be glued onto it (both would be lost as one
 * damaged line). Two writers that both see the partial line add an empty line, which
 * readers skip.
 */
const appendLine = async (handle: fs.FileHandle, line: string): Promise<void> => {
  const { size } = await handle.stat();
  let prefix = '';
  if (size > 0) {
    const last = Buffer.alloc(1);
    const { bytesRead } = await handle.read(last, 0, 1, size - 1);
    if (bytesRead === 1 && last[0] !== NEWLINE) prefix = '\n';
  }
  await handle.appendFile(`${prefix}${line}`);
};

export const openFileAuditLog = (file: string, options: FileAuditLogOptions = {}): AuditLog => {
  const resolved = path.resolve(file);
  const create = options.create ?? true;
  const chunkBytes = Math.max(1, options.chunkBytes ?? 64 * 1024);
  return {
    path: resolved,
    append: async (entry) => {
      const line = `${JSON.stringify(entry)}\n`;
      try {
        let handle: fs.FileHandle;
        if (create) {
          await makeDir(path.dirname(resolved), 0o700);
          handle = await fs.open(resolved, fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT, 0o600);
        } else {
          // Only to a file that is already there (no O_CREAT).
          try {
            handle = await fs.open(resolved, fs.constants.O_RDWR | fs.constants.O_APPEND);
          } catch (error) {
            if (isMissing(error)) return;
            throw error;
          }
        }
        try {
          await appendLine(handle, line);
        } finally {
          await handle.close();
        }
      } catch (error) {
        throw auditError(resolved, 'write to', error);
      }
    },
    read: async () => {
      let text: string;
      try {
        text = await fs.readFile(resolved, 'utf8');
      } catch (error) {
        if (isMissing(error)) return { entries: [], damaged: 0 };
        throw auditError(resolved, 'read', error);
      }
      return parseLines(text);
    },
    readNewestFirst: () => entriesOf(linesFromEnd(resolved, chunkBytes)),
  };
};

export const openMemoryAuditLog = (): AuditLog => {
  const lines: string[] = [];
  return {
    path: null,
    append: (entry) => {
      lines.push(JSON.stringify(entry));
      return Promise.resolve();
    },
    read: () => Promise.resolve(parseLines(lines.join('\n'))),
    readNewestFirst: () => entriesOf([...lines].reverse()),
  };
};

/** The log at `file`, else the one beside the store (in memory for memory: stores). */
export const openAuditLog = (options: {
  readonly file: string | null;
  readonly storeUri: string | null;
  readonly env?: NodeJS.ProcessEnv;
  /** See FileAuditLogOptions.create. */
  readonly create?: boolean;
}): AuditLog => {
  const file = options.file ?? auditPathForStore(options.storeUri, options.env);
  return file === null ? openMemoryAuditLog() : openFileAuditLog(file, options.create === undefined ? {} : { create: options.create });
};
