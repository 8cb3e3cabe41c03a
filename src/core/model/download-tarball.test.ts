import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { downloadTarball } from './download-tarball.js';

describe('downloadTarball on a loopback server', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  const serve = async (handler: http.RequestListener): Promise<string> => {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/t.tgz`;
  };

  it('gives up on a connection that stalls, with MODEL_FETCH_FAILED, instead of hanging', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write(Buffer.alloc(100)); // then nothing more
    });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'face-dl-'));
    try {
      const error = await downloadTarball(url, path.join(dir, 't.tgz'), undefined, 300).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('MODEL_FETCH_FAILED');
      expect((error as UserError).message).toMatch(/no data for/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps a slow but moving download alive', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '500' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(Buffer.alloc(100));
        sent += 100;
        if (sent >= 500) {
          clearInterval(timer);
          res.end();
        }
      }, 150);
    });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'face-dl-'));
    try {
      // 750 ms in all, but never more than 150 ms without data: the 300 ms stall limit must not fire.
      const integrity = await downloadTarball(url, path.join(dir, 't.tgz'), undefined, 300);
      expect(integrity).toMatch(/^sha512-/);
      expect((await fs.stat(path.join(dir, 't.tgz'))).size).toBe(500);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
