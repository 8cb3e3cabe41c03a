import { describe, expect, it } from 'vitest';
import { scanArgv } from './main.js';

describe('scanArgv', () => {
  it('does not take the value of --config or --store for a subcommand', () => {
    expect(scanArgv(['--config', 'my.yaml'])).toMatchObject({ subcommand: undefined, config: 'my.yaml' });
    expect(scanArgv(['--store', 'memory:', '--verbose'])).toMatchObject({ subcommand: undefined, store: 'memory:', verbose: true });
    expect(scanArgv(['--config=my.yaml', 'verify', 'a.jpg'])).toMatchObject({ subcommand: 'verify', config: 'my.yaml' });
    expect(scanArgv(['--json', 'embed', '--config', 'x'])).toMatchObject({ subcommand: 'embed' });
    expect(scanArgv(['-h'])).toMatchObject({ subcommand: undefined, help: true });
  });
});
