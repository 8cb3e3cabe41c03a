/**
 * A forwarding HTTP proxy on 127.0.0.1 for the model-fetch tests: it takes the
 * absolute-form requests a client sends to a proxy (`GET http://127.0.0.1:<port>/...`),
 * records them and forwards them, to loopback addresses only (anything else is refused
 * with 403, so nothing leaves the machine). CONNECT (https through the proxy) is refused
 * too: the fake registry speaks plain http.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackProxy {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** "GET http://127.0.0.1:<port>/path" for each request forwarded, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const isLoopback = (host: string): boolean => host === '127.0.0.1' || host === 'localhost' || host === '[::1]';

export const startLoopbackProxy = async (): Promise<LoopbackProxy> => {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('a proxy needs an absolute URL');
      return;
    }
    if (target.protocol !== 'http:' || !isLoopback(target.hostname)) {
      res.writeHead(403).end('this test proxy forwards to loopback http only');
      return;
    }
    requests.push(`${req.method ?? 'GET'} ${target.href}`);
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: { ...req.headers, host: target.host } },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  server.on('connect', (_req, socket) => {
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
