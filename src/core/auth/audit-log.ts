/**
 * The append-only audit log: JSON lines in a file beside the store (created
 * 0600), or in memory for a memory: store. Each entry is one `appendFile` of
 * one short line, which POSIX O_APPEND keeps whole even when two processes
 * write at once. A damaged line is counted and skipped, never fatal.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { getErrorMessage, UserError } from '../errors.js';
import { parseStoreUri } from '../store/store-uri.js';
import { parseAuditLine, type AuditEntry } from './audit-entry.js';

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

export const openFileAuditLog = (file: string): AuditLog => {
  const resolved = path.resolve(file);
  return {
    path: resolved,
    append: async (entry) => {
      try {
        await fs.mkdir(path.dirname(resolved), { recursive: true });
        await fs.appendFile(resolved, `${JSON.stringify(entry)}\n`, { mode: 0o600, flag: 'a' });
      } catch (error) {
        throw auditError(resolved, 'write to', error);
      }
    },
    read: async () => {
      let text: string;
      try {
        text = await fs.readFile(resolved, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], damaged: 0 };
        throw auditError(resolved, 'read', error);
      }
      return parseLines(text);
    },
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
  };
};

/** The log at `file`, else the one beside the store (in memory for memory: stores). */
export const openAuditLog = (options: { readonly file: string | null; readonly storeUri: string | null; readonly env?: NodeJS.ProcessEnv }): AuditLog => {
  const file = options.file ?? auditPathForStore(options.storeUri, options.env);
  return file === null ? openMemoryAuditLog() : openFileAuditLog(file);
};
