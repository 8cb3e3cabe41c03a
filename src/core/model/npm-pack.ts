/**
 * The tarball through npm itself, for networks where only npm's proxy reaches the
 * registry: Node's fetch knows nothing of npm's `proxy` / `https-proxy` settings, so
 * when npm has a proxy the tarball is fetched with `npm pack`, which uses it (and the
 * user's auth, CA and cache settings too). There is no byte progress then: the caller
 * reports phases. The pinned integrity is checked on the file by the caller as usual.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fetchFailed } from './fetch-failed.js';
import { npmEnv, npmFailure, runNpmJson, type NpmOptions } from './resolve-tarball.js';
import { sha512Integrity } from './sri.js';

const usable = (value: string | undefined): string | null => {
  const text = value?.trim() ?? '';
  return text === '' || text === 'null' || text === 'undefined' || text === 'false' ? null : text;
};

/** `key=value` lines, as `npm config get a b` prints them. */
const configLines = (stdout: string): Map<string, string> =>
  new Map(
    stdout
      .split('\n')
      .map((line) => /^([\w-]+)=(.*)$/.exec(line.trim()))
      .flatMap((m) => (m === null ? [] : [[m[1] ?? '', m[2] ?? ''] as [string, string]])),
  );

/** The proxy variables of the environment, keys lower-cased (HTTPS_PROXY and https_proxy alike), as npm reads them. */
const proxyEnv = (env: NodeJS.ProcessEnv): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    const lower = key.toLowerCase();
    if ((lower === 'https_proxy' || lower === 'http_proxy' || lower === 'proxy') && value !== undefined) out.set(lower, value);
  }
  return out;
};

/**
 * The proxy npm would use for `tarballUrl`, or null: npm's `https-proxy`, else its `proxy`
 * setting (asked of npm itself: `npm config get https-proxy proxy`, with the environment
 * the other npm calls get, so npmrc files and npm_config_* variables count); else, as npm
 * does, HTTPS_PROXY for an https address, or HTTPS_PROXY, HTTP_PROXY or PROXY for http.
 */
export const npmProxy = async (tarballUrl: string, options: NpmOptions = {}): Promise<string | null> => {
  const run = await runNpmJson(['config', 'get', 'https-proxy', 'proxy'], options);
  if (run.error !== null) throw fetchFailed(`npm config get https-proxy proxy failed: ${npmFailure(run)}`, run.error);
  const config = configLines(run.stdout);
  const configured = usable(config.get('https-proxy')) ?? usable(config.get('proxy'));
  if (configured !== null) return configured;
  const env = proxyEnv(npmEnv(options));
  const https = tarballUrl.startsWith('https:');
  return usable(env.get('https_proxy')) ?? (https ? null : (usable(env.get('http_proxy')) ?? usable(env.get('proxy'))));
};

/** A proxy address fit for a log line: the password (if any) left out. */
export const redactProxy = (proxy: string): string => {
  try {
    const url = new URL(proxy);
    if (url.password !== '') url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(a proxy)';
  }
};

const packSchema = z.array(z.object({ filename: z.string().min(1) })).min(1);

/** The SRI sha512 of a file, streamed. */
export const fileIntegrity = async (file: string): Promise<string> => {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return sha512Integrity(hash.digest());
};

/**
 * `npm pack <spec> --pack-destination <dir>`: npm downloads the package's tarball (through
 * its proxy) and writes it, unchanged, into `dir`. Returns the file's path and size.
 */
export const packTarball = async (spec: string, dir: string, options: NpmOptions = {}): Promise<{ file: string; bytes: number }> => {
  const run = await runNpmJson(['pack', spec, '--pack-destination', dir, '--json', '--ignore-scripts'], options);
  if (run.error !== null) throw fetchFailed(`npm pack ${spec} failed: ${npmFailure(run)}`, run.error);
  const packed = packSchema.safeParse(run.json);
  if (!packed.success) throw fetchFailed(`npm pack ${spec} did not say which file it wrote`);
  const file = path.join(dir, path.basename(packed.data[0]?.filename ?? ''));
  const stat = await fs.stat(file).catch(() => null);
  if (stat === null || !stat.isFile()) throw fetchFailed(`npm pack ${spec} reported ${file}, which is not there`);
  return { file, bytes: stat.size };
};
