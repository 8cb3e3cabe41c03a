#!/usr/bin/env node
import { guardCrashes } from '../dist/cli/crash-guard.js';
import { main } from '../dist/cli/main.js';
import { guardClosedPipes } from '../dist/cli/output.js';

const argv = process.argv.slice(2);
guardClosedPipes();
guardCrashes(argv);
process.exitCode = await main(argv);
