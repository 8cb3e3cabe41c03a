import { serializeError } from '../../core/errors.js';

/** What a view shows for an error: a code, the message and the next step to try. */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  /** A bug rather than something the user can fix. */
  readonly bug: boolean;
}

export const describeError = (error: unknown): ErrorInfo => {
  const s = serializeError(error);
  return { code: s.code, message: s.message, bug: s.kind === 'bug', ...(s.hint === undefined ? {} : { hint: s.hint }) };
};
