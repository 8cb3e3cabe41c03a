import { UserError } from '../errors.js';

const fetchHint = 'Check your network / npm registry settings (npm config get registry), then run `face-auth-tui models fetch`.';

/** A model fetch failure the user can act on: MODEL_FETCH_FAILED with the network / registry hint. */
export const fetchFailed = (message: string, cause?: unknown): UserError =>
  new UserError('MODEL_FETCH_FAILED', message, { hint: fetchHint, ...(cause === undefined ? {} : { cause }) });
