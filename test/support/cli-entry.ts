import { guardCrashes } from '../../src/cli/crash-guard.js';
import { main } from '../../src/cli/main.js';
import { guardClosedPipes } from '../../src/cli/output.js';

const argv = process.argv.slice(2);
guardClosedPipes();
guardCrashes(argv);
process.exitCode = await main(argv);
