import { createInterface } from 'node:readline/promises';

/**
 * Asks a yes/no question on the terminal (stderr, so stdout stays clean). Anything but
 * "y"/"yes" is no, and so are Ctrl+C and Ctrl+D: declining is not an error.
 *
 * Ctrl+C and Ctrl+D close the interface, and readline then rejects the pending question
 * ("Aborted with Ctrl+C"): the rejection is caught here, before the race, so it can never
 * surface as an unhandled rejection (a bug report) after the 'close' has answered "no".
 */
export const confirm = async (question: string): Promise<boolean> => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const closed = new Promise<null>((resolve) => rl.once('close', () => resolve(null)));
  const asked = rl.question(question).catch(() => null);
  try {
    const answer = await Promise.race([asked, closed]);
    if (answer === null) {
      // The cursor is still on the question's line.
      process.stderr.write('\n');
      return false;
    }
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
};
