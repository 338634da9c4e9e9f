import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ToolHit {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  bodyText: string;
  token: string;
}

export interface ToolTarget {
  base: string;
  port: number;
  hits: ToolHit[];
  close(): Promise<void>;
}

/**
 * A local HTTP endpoint for agent-tool tests on 127.0.0.1, port 0: `/echo[/…]` answers what it got
 * (with a fresh token), `/slow` never answers in time, `/status/<code>` that status, `/redirect` a 302
 * to `redirectTo`, `/big` 200 KB of text.
 */
export async function startToolTarget(opts: { redirectTo?: string } = {}): Promise<ToolTarget> {
  const hits: ToolHit[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const hit: ToolHit = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, bodyText: Buffer.concat(chunks).toString(), token: `tok${++n}` };
      hits.push(hit);
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (url.pathname.startsWith('/echo')) return json(200, { ok: true, token: hit.token, method: hit.method, path: hit.path, query: hit.query, body: hit.bodyText });
      if (url.pathname === '/slow') return void setTimeout(() => json(200, { late: true }), 5000).unref();
      if (url.pathname.startsWith('/status/')) return json(Number(url.pathname.split('/')[2]), { failed: true });
      if (url.pathname === '/redirect') return res.writeHead(302, { location: opts.redirectTo ?? 'http://127.0.0.1:1/' }).end();
      if (url.pathname === '/big') return res.writeHead(200, { 'content-type': 'text/plain' }).end('é'.repeat(100 * 1024));
      json(404, { error: 'no such path' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
