import type { Command } from 'commander';
import type { CommandContextFactory } from '../command.js';
import { registerEmbedCommand } from './embed.js';
import { registerEvaluateCommand } from './evaluate.js';
import { registerModelsCommand } from './models.js';
import { registerVerifyCommand } from './verify.js';

/** Each subcommand registers itself here; one line per command. */
export const registerCommands = (program: Command, makeContext: CommandContextFactory): void => {
  registerModelsCommand(program, makeContext);
  registerEmbedCommand(program, makeContext);
  registerVerifyCommand(program, makeContext);
  registerEvaluateCommand(program, makeContext);
};
