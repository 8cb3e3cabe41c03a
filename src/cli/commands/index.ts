import type { Command } from 'commander';
import type { CommandContextFactory } from '../command.js';

/** Each subcommand registers itself here; one line per command. */
export const registerCommands = (program: Command, makeContext: CommandContextFactory): void => {
  void program;
  void makeContext;
};
