/**
 * The terminal around the Ink app: the alternate screen (so quitting gives the
 * shell back exactly as it was), the cursor and raw mode. restore() is safe to
 * call any number of times, from any exit path.
 */
const ESC = '\u001B[';

export interface TerminalSession {
  readonly enter: () => void;
  readonly restore: () => void;
}

export const createTerminalSession = (stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): TerminalSession => {
  let entered = false;
  return {
    enter: () => {
      if (entered || !stdout.isTTY) return;
      entered = true;
      stdout.write(`${ESC}?1049h${ESC}H${ESC}2J`);
    },
    restore: () => {
      if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
      if (!entered) return;
      entered = false;
      stdout.write(`${ESC}0m${ESC}?25h${ESC}?1049l`);
    },
  };
};
