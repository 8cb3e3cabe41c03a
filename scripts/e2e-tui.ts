/**
 * End-to-end test of the workbench in a real terminal: drives the BUILT app
 * (`node bin/face-auth-tui.js`) inside tmux with send-keys / capture-pane.
 *
 *   npm run e2e:tui            (builds first)
 *
 * It visits the five screens, registers a person from ../shared/faces,
 * authenticates another photo of them (ACCEPTED) and a photo of someone else
 * (DENIED), checks the storage screen, quits with q (timed), and checks that
 * the terminal was given back: alternate screen left, cursor visible, cooked
 * mode (icanon, echo). A second run checks --verbose (log pane), a resize to
 * 80x24 and Ctrl+C. A third quits with q and with Ctrl+C while a batch embed
 * keeps both workers busy (no native abort, within the limit); a fourth runs
 * under LC_ALL=C and checks every screen is plain ASCII. Everything happens in temporary XDG folders with a fresh
 * SQLite store; the model cache is reused (FACE_AUTH_MODELS_DIR), so no
 * network is needed once the models are there. Exits 1 on the first failed
 * check, printing what the screen showed.
 *
 * Needs tmux (apt-get install -y tmux) and ../shared/faces beside the checkout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/core/config/load-config.js';
import { resolveModelDir } from '../src/core/model/model-cache.js';

const repo = path.resolve(import.meta.dirname, '..');
const faces = path.resolve(repo, '..', 'shared', 'faces');
const socket = `face-auth-e2e-${process.pid}`;
const session = 'e2e';
const started = Date.now();

const log = (text: string): void => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${text}`);

class CheckFailed extends Error {}

const fail = (message: string, screen?: string): never => {
  console.error(`\n✖ FAILED: ${message}`);
  if (screen !== undefined) console.error(`--- the screen was ---\n${screen}\n----------------------`);
  throw new CheckFailed(message);
};

const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });

const capture = (): string => tmux('capture-pane', '-p', '-t', session);

const show = (title: string): void => console.log(`--- ${title} ---\n${capture().replace(/\n+$/, '')}\n`);

const keys = (...k: string[]): void => {
  tmux('send-keys', '-t', session, ...k);
};

/** Types literal text (no key-name lookup). */
const type = (text: string): void => {
  tmux('send-keys', '-t', session, '-l', text);
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const waitFor = async (what: string, predicate: (screen: string) => boolean, timeoutMs = 30_000): Promise<string> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = capture();
    if (predicate(screen)) return screen;
    if (Date.now() > deadline) return fail(`timed out after ${timeoutMs} ms waiting for ${what}`, screen);
    await sleep(50);
  }
};

const waitForText = (text: string, timeoutMs?: number): Promise<string> => waitFor(JSON.stringify(text), (s) => s.includes(text), timeoutMs);

const check = (condition: boolean, message: string, screen?: string): void => {
  if (!condition) fail(message, screen);
  log(`✔ ${message}`);
};

const format = (name: string): string => tmux('display-message', '-p', '-t', session, `#{${name}}`).trim();

/** Quits with `key`, returns the time until the process had exited (the shell printed EXIT=). */
const quit = async (key: string, expectedCode: number): Promise<number> => {
  const before = Date.now();
  keys(key);
  const screen = await waitFor('the app to exit', (s) => /EXIT=\d+ T=\d+/.test(s), 5_000);
  const match = /EXIT=(\d+) T=(\d+)/.exec(screen);
  const code = Number(match?.[1]);
  const ms = Number(match?.[2]) - before;
  check(code === expectedCode, `exit code ${code} (expected ${expectedCode})`, screen);
  return ms;
};

const checkTerminalRestored = async (): Promise<void> => {
  const screen = capture();
  check(!screen.includes('face-auth-tui  1 Model'), 'the workbench is gone from the screen (alternate screen left)', screen);
  check(format('alternate_on') === '0', 'the terminal is back on the normal screen');
  check(format('cursor_flag') === '1', 'the cursor is visible');
  keys('clear', 'Enter');
  await sleep(200);
  type("stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo END");
  keys('Enter');
  const stty = await waitFor('stty output', (s) => /(-?icanon|-?echo)[^\n]*END/.test(s.split('\n').filter((l) => !l.includes('stty')).join('\n')));
  const line = stty.split('\n').find((l) => l.includes('END') && !l.includes('stty')) ?? '';
  check(/(^|\s)icanon(\s|$)/.test(line) && /(^|\s)echo(\s|$)/.test(line), `the tty is in cooked mode again (${line.replace('END', '').trim()})`, stty);
};

const main = async (): Promise<void> => {
  // Like the photo-based tests: missing prerequisites fail loudly in CI and skip with a notice elsewhere.
  const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
  const missing = (what: string): void => {
    if (inCi) fail(what);
    console.log(`[notice] e2e:tui skipped: ${what}`);
    process.exit(0);
  };
  if (spawnSync('tmux', ['-V']).status !== 0) missing('tmux is not installed (apt-get install -y tmux)');
  if (!fs.existsSync(path.join(faces, 'person_01'))) missing(`the shared photos are missing: ${faces}`);
  if (!fs.existsSync(path.join(repo, 'dist', 'cli', 'main.js'))) fail('the app is not built: run npm run build (npm run e2e:tui does)');

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'face-auth-e2e-'));
  const { config } = await loadConfig();
  const env: Record<string, string> = {
    HOME: temp,
    // bash would write its history into the temp folder while it is being removed.
    HISTFILE: '/dev/null',
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    TERM: 'xterm-256color',
    LANG: process.env['LANG'] ?? 'C.UTF-8',
    XDG_CONFIG_HOME: path.join(temp, 'config'),
    XDG_DATA_HOME: path.join(temp, 'data'),
    XDG_CACHE_HOME: path.join(temp, 'cache'),
    // Reuse the verified model cache: the fresh XDG cache would otherwise fetch 41 MB.
    FACE_AUTH_MODELS_DIR: resolveModelDir(config),
    PS1: 'e2e$ ',
  };
  const app = `cd ${JSON.stringify(repo)} && node bin/face-auth-tui.js`;
  const done = 'echo "EXIT=$? T=$(date +%s%3N)"';
  log(`temp XDG folders in ${temp}; models from ${env['FACE_AUTH_MODELS_DIR']}`);

  try {
    // `env -i` so that CI variables (which make Ink print only the last frame) do not reach the app.
    tmux('-f', '/dev/null', 'new-session', '-d', '-s', session, '-x', '100', '-y', '32', 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'bash', '--norc', '--noprofile');
    await waitFor('the shell prompt', (s) => s.includes('e2e$'));

    // ---- Run 1: the five screens, register, authenticate twice, quit with q.
    type(`${app}; ${done}`);
    keys('Enter');
    await waitFor('models and store ready', (s) => s.includes('models ready') && s.includes('store sqlite 0 people'), 60_000);
    show('menu (100x32)');

    keys('1');
    const models = await waitFor('the model table', (s) => (s.match(/│ ready │|ready\s*│/g) ?? []).length >= 4 && s.includes('fr_feature'));
    check(models.includes('✔ ok') && models.includes('MIT'), 'screen 1: the model table shows SHA-256 status and licence', models);
    keys('2');
    check((await waitForText('Press Enter to choose an image')).includes('Preprocessing'), 'screen 2: preprocessing');
    keys('3');
    check((await waitForText('Press Enter to open a labelled folder')).includes('metric'), 'screen 3: similarity');
    keys('4');
    check((await waitForText('(no one enrolled yet)')).includes('Enrolled people'), 'screen 4: storage, empty');
    keys('5');
    await waitForText('Recent attempts');
    check(true, 'screen 5: auth console');

    keys('Enter');
    await waitForText('Name to register:');
    type('Ada');
    keys('Enter');
    await waitForText('Photos of Ada');
    type(`${path.join(faces, 'person_01', 'deepface__img1.jpg')} ${path.join(faces, 'person_01', 'deepface__img10.jpg')}`);
    keys('Enter');
    const registered = await waitForText('registered Ada');
    check(registered.includes('2 templates added'), 'registered Ada from two photos of person_01', registered);
    show('after register');

    keys('Down', 'Enter');
    await waitForText('Photo to authenticate:');
    type(path.join(faces, 'person_01', 'deepface__img11.jpg'));
    keys('Enter');
    const accepted = await waitForText('ACCEPTED  Ada');
    check(/score 0\.\d{3} · threshold 0\.\d\d · margin/.test(accepted), 'another photo of Ada: ACCEPTED banner with score, threshold and margin', accepted);
    show('ACCEPTED');

    keys('Enter');
    await waitForText('Photo to authenticate:');
    type(path.join(faces, 'person_02', 'deepface__img26.jpg'));
    keys('Enter');
    const denied = await waitForText('✖ DENIED');
    check(/best score -?0\.\d{3} < 0\.\d\d/.test(denied), 'a photo of someone else: DENIED banner with the best score under the threshold', denied);
    show('DENIED');

    keys('4');
    const storage = await waitFor('Ada in the storage list', (s) => /Ada\s+2\s+fr_feature/.test(s));
    check(storage.includes('sqlite'), 'screen 4 lists Ada (2 templates) in the SQLite store', storage);

    const quitMs = await quit('q', 0);
    // A figure, not a check (speed is never asserted here): the app's own deadline (QUIT_DEADLINE_MS)
    // bounds it; this adds tmux, the shell and Node's teardown. A hang fails the wait above.
    log(`q → process exited in ${quitMs} ms from send-keys (workers stopped, store closed; a figure, not a check)`);
    await checkTerminalRestored();
    show('the shell after quitting');

    // ---- Run 2: --verbose opens the log pane; resize to 80x24; Ctrl+C quits.
    keys('clear', 'Enter');
    type(`${app} --verbose; ${done}`);
    keys('Enter');
    const verbose = await waitFor('the verbose log pane', (s) => s.includes('log (verbose)') && s.includes('engine ready'), 60_000);
    check(verbose.includes('store open'), '--verbose opens the log pane fed by the core logger', verbose);
    tmux('resize-window', '-t', session, '-x', '80', '-y', '24');
    await sleep(300);
    keys('1');
    const small = await waitFor('the model screen at 80x24', (s) => s.includes('fr_feature') && s.includes('Benchmark stages'));
    const lines = small.replace(/\n+$/, '').split('\n');
    check(
      lines.length <= 24 && (lines[0] ?? '').startsWith('face-auth-tui') && (lines[1] ?? '').startsWith('●') && /\? help.*q quit/.test(lines.at(-1) ?? ''),
      'at 80x24 the layout fits: header on top, footer on the last line, nothing wrapped',
      small,
    );
    show('model screen, 80x24, verbose');
    const ctrlCMs = await quit('C-c', 130);
    log(`Ctrl+C → process exited (code 130) in ${ctrlCMs} ms`);
    await checkTerminalRestored();

    // ---- Run 3: quit while the workers are busy (a batch embed of every shared photo), twice.
    for (const key of ['q', 'C-c']) {
      keys('clear', 'Enter');
      type(`${app}; ${done}`);
      keys('Enter');
      await waitFor('models ready', (s) => s.includes('models ready'), 60_000);
      keys('1', 'Down', 'Enter');
      await waitForText('Folder to embed:');
      keys('C-u');
      type(faces);
      keys('Enter');
      await waitFor('the batch under way', (s) => /embedding .*\n.*\b([1-9]\d*)\/\d+/.test(s));
      await sleep(400);
      const busyMs = await quit(key, key === 'q' ? 0 : 130);
      const after = capture();
      check(!/terminate called|Aborted|Napi::Error|core dumped/.test(after), `${key} while embedding: no native abort`, after);
      log(`${key} while embedding: exited in ${busyMs} ms (from send-keys; a figure, not a check)`);
      await checkTerminalRestored();
    }

    // ---- Run 3b: SIGTERM (a service manager, kill) ends it with 143 and gives the terminal back.
    keys('clear', 'Enter');
    type(`${app}; ${done}`);
    keys('Enter');
    await waitFor('models ready', (s) => s.includes('models ready'), 60_000);
    spawnSync('pkill', ['-TERM', '-f', 'node bin/face-auth-tui.js']);
    const termScreen = await waitFor('the app to exit', (s) => /EXIT=\d+ T=\d+/.test(s), 5_000);
    check(/EXIT=143 /.test(termScreen), 'SIGTERM: exit code 143', termScreen);
    await checkTerminalRestored();

    // ---- Run 4: a terminal that is not UTF-8 (LC_ALL=C) gets the same screens in plain ASCII.
    keys('clear', 'Enter');
    type(`${app.replace('&& node', '&& LC_ALL=C node')}; ${done}`);
    keys('Enter');
    const ascii = await waitFor('models ready in ASCII', (s) => s.includes('models ready'), 60_000);
    for (const key of ['1', '3', '4', '5']) {
      keys(key);
      await sleep(300);
      const screen = capture();
      check([...screen].every((c) => c.charCodeAt(0) < 0x80) && screen.includes('face-auth-tui'), `LC_ALL=C: screen ${key} is plain ASCII`, screen);
    }
    show('LC_ALL=C, screen 5');
    check(ascii.includes('|'), 'LC_ALL=C: the status separators are ASCII', ascii);
    await quit('q', 0);
    await checkTerminalRestored();

    console.log(`\n✔ e2e:tui passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    // The app's last writes (store, audit log) may still be landing as tmux goes down.
    fs.rmSync(temp, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
};

main().catch((error: unknown) => {
  // A failed check has printed itself; anything else is a fault of the script or the machine.
  if (!(error instanceof CheckFailed)) console.error('\n✖ e2e:tui could not run:', error);
  process.exitCode = 1;
});
