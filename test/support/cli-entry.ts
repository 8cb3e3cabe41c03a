import { main } from '../../src/cli/main.js';
import { guardClosedPipes } from '../../src/cli/output.js';

guardClosedPipes();

process.exitCode = await main(process.argv.slice(2));
