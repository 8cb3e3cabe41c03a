import type { Command } from 'commander';
import type { CommandContextFactory } from '../command.js';
import { registerModelsCommand } from './models.js';

/** Each subcommand registers itself here; one line per command. */
export const registerCommands = (program: Command, makeContext: CommandContextFactory): void => {
  void program;
  void makeContext;
  registerModelsCommand(program, makeContext);
};
