/**
 * Two kinds of error. A UserError is something the user can fix: it carries a
 * stable code and says what to do next. Anything else is a bug.
 */
/** Failures that depend only on an image's bytes and the settings (the same bytes fail the same way). */
const imageDataCodes = [
  'EMPTY_FILE',
  'NOT_AN_IMAGE',
  'UNSUPPORTED_FORMAT',
  'CORRUPT_IMAGE',
  'IMAGE_TOO_LARGE',
  'IMAGE_TOO_SMALL',
  'NO_FACE',
  'FACE_TOO_SMALL',
] as const;

/** Failures about one image: its file, its data, or the registration rules for its face. */
const imageCodes = ['FILE_NOT_FOUND', 'FILE_UNREADABLE', ...imageDataCodes, 'MULTIPLE_FACES', 'LOW_QUALITY'] as const;

export const errorCodes = [
  ...imageCodes,
  'MODEL_MISSING',
  'MODEL_CORRUPT',
  'MODEL_FETCH_FAILED',
  'CONFIG_INVALID',
  'STORE_ERROR',
  'STORE_MISMATCH',
  'NOT_ENROLLED',
  'ALREADY_ENROLLED',
  'COLLISION',
  'LOCKED_OUT',
  'INVALID_ARGUMENT',
  'DIMENSION_MISMATCH',
  'WORKER_FAILED',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class UserError extends Error {
  override readonly name = 'UserError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

export class BugError extends Error {
  override readonly name = 'BugError';
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;

/**
 * The errors about one image (its file, its data, its faces): in a batch that image fails and
 * the others go on. Anything else (the models, the config, the store, the workers, a bug) is
 * not about that image and ends the whole task.
 */
export const imageErrorCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ...imageCodes,
  // A folder given where an image file was expected.
  'INVALID_ARGUMENT',
]);

/**
 * Failures that depend only on the bytes and the settings, so a cache may keep them.
 * Anything else (a missing file, a crashed worker) is worth trying again.
 */
export const imageDataErrorCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>(imageDataCodes);

export const isImageError = (error: unknown): error is UserError => isUserError(error) && imageErrorCodes.has(error.code);

export const getErrorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** A plain object that survives structured clone (worker replies, JSON output). */
export interface SerializedError {
  readonly kind: 'user' | 'bug';
  readonly code: ErrorCode | 'BUG';
  readonly message: string;
  readonly hint?: string;
  readonly stack?: string;
}

export const serializeError = (error: unknown): SerializedError => {
  if (isUserError(error)) {
    return {
      kind: 'user',
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.stack === undefined ? {} : { stack: error.stack }),
    };
  }
  const stack = error instanceof Error ? error.stack : undefined;
  return { kind: 'bug', code: 'BUG', message: getErrorMessage(error), ...(stack === undefined ? {} : { stack }) };
};

export const deserializeError = (error: SerializedError): Error => {
  if (error.kind === 'user' && error.code !== 'BUG') {
    const restored = new UserError(error.code, error.message, error.hint === undefined ? {} : { hint: error.hint });
    if (error.stack !== undefined) restored.stack = error.stack;
    return restored;
  }
  const restored = new BugError(error.message);
  if (error.stack !== undefined) restored.stack = error.stack;
  return restored;
};
