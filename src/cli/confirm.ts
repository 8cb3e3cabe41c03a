import { createInterface } from 'node:readline/promises';
import { oneLine } from '../core/text/safe-text.js';

/** Where the question is asked; the terminal (stdin, stderr) unless a test gives others. */
export interface ConfirmStreams {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

/**
 * Asks a yes/no question on the terminal (stderr, so stdout stays clean). Anything but
 * "y"/"yes" is no, and so are Ctrl+C and Ctrl+D: declining is not an error.
 *
 * Ctrl+C and Ctrl+D close the interface, and readline then rejects the pending question
 * ("Aborted with Ctrl+C"): the rejection is caught here, before the race, so it can never
 * surface as an unhandled rejection (a bug report) after the 'close' has answered "no".
 *
 * The question goes to the terminal through readline, not through processOutput: it is made
 * safe here (one line, no control characters), since it may quote a damaged record's name.
 */
export const confirm = async (question: string, streams: ConfirmStreams = { input: process.stdin, output: process.stderr }): Promise<boolean> => {
  const rl = createInterface({ input: streams.input, output: streams.output });
  const closed = new Promise<null>((resolve) => rl.once('close', () => resolve(null)));
  // Blank lines in front stay (a question set apart from a report above it); the rest is one line.
  const lead = /^\n*/.exec(question)?.[0] ?? '';
  const asked = rl.question(lead + oneLine(question.slice(lead.length))).catch(() => null);
  try {
    const answer = await Promise.race([asked, closed]);
    if (answer === null) {
      // The cursor is still on the question's line.
      streams.output.write('\n');
      return false;
    }
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
};
