/**
 * authenticate --batch <dir>: every file of the folder in name order, one
 * decision (or error) each; a bad file (or a broken symbolic link) never stops
 * the batch.
 */
import { isUserError, serializeError } from '../errors.js';
import { authenticate, type AuthDecision, type AuthenticateDeps, type AuthenticateOptions } from './authenticate.js';
import { brokenLinkError, listFiles } from './folder.js';

export type BatchRow =
  | ({ readonly file: string } & AuthDecision)
  | { readonly file: string; readonly error: { readonly code: string; readonly message: string; readonly hint?: string } };

export interface BatchSummary {
  readonly images: number;
  readonly accepted: number;
  readonly denied: number;
  readonly errors: number;
}

export interface BatchOutcome {
  readonly rows: readonly BatchRow[];
  readonly summary: BatchSummary;
}

export const isErrorRow = (row: BatchRow): row is Extract<BatchRow, { error: unknown }> => 'error' in row;

export const authenticateBatch = async (
  deps: AuthenticateDeps,
  dir: string,
  options: AuthenticateOptions & { readonly onRow?: (row: BatchRow) => void } = {},
): Promise<BatchOutcome> => {
  const rows: BatchRow[] = [];
  // One at a time, in order: with --user, each attempt counts towards the lockout of the next.
  for (const file of await listFiles(dir)) {
    let row: BatchRow;
    try {
      // A broken link holds no photo: reported as a missing file, not an attempt.
      const broken = await brokenLinkError(file);
      if (broken !== undefined) throw broken;
      row = { file, ...(await authenticate(deps, file, options)) };
    } catch (error) {
      if (!isUserError(error)) throw error;
      const { code, message, hint } = serializeError(error);
      row = { file, error: { code, message, ...(hint === undefined ? {} : { hint }) } };
    }
    rows.push(row);
    options.onRow?.(row);
  }
  const decisions = rows.filter((r): r is Exclude<BatchRow, { error: unknown }> => !isErrorRow(r));
  return {
    rows,
    summary: {
      images: rows.length,
      accepted: decisions.filter((r) => r.authenticated).length,
      denied: decisions.filter((r) => !r.authenticated).length,
      errors: rows.length - decisions.length,
    },
  };
};
