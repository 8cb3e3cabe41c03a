/** Catching the UserError a call must throw: any other error is rethrown, and no error at all fails the test. */
import { UserError } from '../../src/core/errors.js';

/** The UserError `run` rejects with. */
export const catchUserError = async (run: () => Promise<unknown>): Promise<UserError> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
};

/** The code of the UserError `fn` throws. */
export const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error.code;
    throw error;
  }
  throw new Error('expected a UserError');
};
