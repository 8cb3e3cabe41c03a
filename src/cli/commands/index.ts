import type { Command } from 'commander';
import type { CommandContextFactory } from '../command.js';
import { registerAuthenticateCommand } from './authenticate.js';
import { registerDeleteCommand } from './delete.js';
import { registerEmbedCommand } from './embed.js';
import { registerListCommand } from './list.js';
import { registerEvaluateCommand } from './evaluate.js';
import { registerModelsCommand } from './models.js';
import { registerRegisterCommand } from './register.js';
import { registerSearchCommand } from './search.js';
import { registerStatsCommand } from './stats.js';
import { registerVerifyCommand } from './verify.js';

/** Each subcommand registers itself here; one line per command. */
export const registerCommands = (program: Command, makeContext: CommandContextFactory): void => {
  registerModelsCommand(program, makeContext);
  registerEmbedCommand(program, makeContext);
  registerVerifyCommand(program, makeContext);
  registerRegisterCommand(program, makeContext);
  registerAuthenticateCommand(program, makeContext);
  registerSearchCommand(program, makeContext);
  registerListCommand(program, makeContext);
  registerDeleteCommand(program, makeContext);
  registerStatsCommand(program, makeContext);
  registerEvaluateCommand(program, makeContext);
};
