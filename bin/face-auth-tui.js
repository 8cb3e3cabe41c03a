#!/usr/bin/env node
import { main } from '../dist/cli/main.js';
import { guardClosedPipes } from '../dist/cli/output.js';

guardClosedPipes();
process.exitCode = await main(process.argv.slice(2));
