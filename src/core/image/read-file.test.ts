import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../../../test/support/cli.js';
import { repoRoot } from '../../../test/support/faces.js';
import { catchUserError } from '../../../test/support/user-errors.js';
import { readImageFile } from './read-file.js';

describe('readImageFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-file-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads a regular file, also through a link', async () => {
    await fs.writeFile(path.join(dir, 'a.jpg'), Buffer.from([1, 2, 3]));
    await fs.symlink(path.join(dir, 'a.jpg'), path.join(dir, 'link.jpg'));
    expect(Array.from(await readImageFile(path.join(dir, 'a.jpg')))).toEqual([1, 2, 3]);
    expect(Array.from(await readImageFile(path.join(dir, 'link.jpg')))).toEqual([1, 2, 3]);
  });

  it('refuses what is not a regular file before reading it: a folder, a device, a pipe', async () => {
    const folder = await catchUserError(() => readImageFile(dir));
    expect(folder.code).toBe('INVALID_ARGUMENT');
    expect(folder.message).toMatch(/is a folder, not an image file/);
    expect(folder.hint).toMatch(/Batch-embed a folder.*embed folder\/\*\.jpg/);
    // /dev/zero would never end; reading it whole used to exhaust memory.
    expect((await catchUserError(() => readImageFile('/dev/zero'))).code).toBe('NOT_AN_IMAGE');
    const fifo = path.join(dir, 'pipe.jpg');
    execFileSync('mkfifo', [fifo]);
    // A pipe with no writer used to hang forever.
    const piped = await catchUserError(() => readImageFile(fifo));
    expect(piped.code).toBe('NOT_AN_IMAGE');
    expect(piped.message).toMatch(/not a regular file/);
  });

  it('refuses a file over the size limit from its size alone', async () => {
    await fs.writeFile(path.join(dir, 'big.jpg'), Buffer.alloc(3 * 1024 * 1024));
    const error = await catchUserError(() => readImageFile(path.join(dir, 'big.jpg'), 2 * 1024 * 1024));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toMatch(/is 3 MiB, over the 2 MiB an image file may be/);
  });

  it('says what is wrong with a missing file, a path through a file, a looping link', async () => {
    expect((await catchUserError(() => readImageFile(path.join(dir, 'missing.jpg')))).code).toBe('FILE_NOT_FOUND');
    expect((await catchUserError(() => readImageFile(path.join(dir, 'a.jpg', 'x.jpg')))).code).toBe('FILE_NOT_FOUND');
    await fs.symlink(path.join(dir, 'loop.jpg'), path.join(dir, 'loop.jpg'));
    const loop = await catchUserError(() => readImageFile(path.join(dir, 'loop.jpg')));
    expect(loop.code).toBe('FILE_UNREADABLE');
    // A link to itself loops: it is not "missing".
    expect(loop.message).toBe(`${path.join(dir, 'loop.jpg')} is a symbolic link that loops (it points to ${path.join(dir, 'loop.jpg')}, which leads back to itself)`);
    // A dangling link names its missing target, as authenticate --batch does.
    await fs.symlink(path.join(dir, 'gone.jpg'), path.join(dir, 'dangling.jpg'));
    const dangling = await catchUserError(() => readImageFile(path.join(dir, 'dangling.jpg')));
    expect(dangling).toMatchObject({ code: 'FILE_NOT_FOUND', message: `${path.join(dir, 'dangling.jpg')} is a symbolic link to ${path.join(dir, 'gone.jpg')}, which does not exist`, hint: 'Fix the link or remove it.' });
  });

  it('permission denied is FILE_UNREADABLE with what to check (as an unprivileged user: root reads anything)', async () => {
    const locked = path.join(dir, 'locked.jpg');
    await fs.writeFile(locked, 'x');
    await fs.chmod(locked, 0o000);
    await fs.chmod(dir, 0o755);
    if (process.getuid?.() !== 0) {
      const error = await catchUserError(() => readImageFile(locked));
      expect([error.code, error.hint]).toEqual(['FILE_UNREADABLE', expect.stringMatching(/permissions/)]);
      return;
    }
    // Root: the built reader in a child process as nobody (setpriv, util-linux).
    requireBuild(['core/image/read-file.ts']);
    const script = `import { readImageFile } from ${JSON.stringify(path.join(repoRoot, 'dist/core/image/read-file.js'))};
      readImageFile(${JSON.stringify(locked)}).then(() => console.log('read'), (e) => console.log(JSON.stringify([e.code, e.hint])));`;
    const out = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8' });
    const [code, hint] = JSON.parse(out) as [string, string];
    expect(code).toBe('FILE_UNREADABLE');
    expect(hint).toMatch(/permissions/);
  });
});
