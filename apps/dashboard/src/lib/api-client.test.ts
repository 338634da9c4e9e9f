import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type ApiClient } from './api-client.ts';

type Seen = { method: string; url: string; contentType: string | undefined; body: string };

let server: Server;
let client: ApiClient;
let lastRequest: Seen | undefined;

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

// A stand-in for the API that answers in the CONTRACT §1 envelope over real HTTP.
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    lastRequest = { method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body };
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };

    switch (req.url?.split('?')[0]) {
      case '/api/auth/session':
        return send(200, { success: true, data: { user: { id: 'u1', email: 'ada@example.com', name: 'Ada' } } });
      case '/api/echo':
        return send(201, { success: true, data: { received: JSON.parse(body) } });
      case '/api/auth/signup':
        return send(400, {
          success: false,
          error: {
            message: 'Validation failed',
            code: 'VALIDATION_ERROR',
            fields: { email: ['Must be a valid email address'], password: ['Must be at least 8 characters'] },
          },
        });
      case '/api/auth/login':
        return send(
          429,
          { success: false, error: { message: 'Too many attempts', code: 'RATE_LIMITED' } },
          { 'retry-after': '42' },
        );
      case '/api/html':
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<h1>Bad gateway</h1>');
      default:
        return send(404, { success: false, error: { message: 'Route not found', code: 'NOT_FOUND' } });
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  client = createApiClient({ baseUrl: `http://127.0.0.1:${port}` });
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

describe('api-client', () => {
  it('unwraps the success envelope to its data', async () => {
    const data = await client.get<{ user: { name: string } }>('/api/auth/session');
    expect(data).toEqual({ user: { id: 'u1', email: 'ada@example.com', name: 'Ada' } });
    expect(lastRequest).toMatchObject({ method: 'GET', contentType: undefined, body: '' });
  });

  it('sends a JSON body and query string', async () => {
    const data = await client.post('/api/echo', { email: 'ada@example.com' }, { query: { page: 2, skip: undefined } });
    expect(data).toEqual({ received: { email: 'ada@example.com' } });
    expect(lastRequest).toMatchObject({ method: 'POST', url: '/api/echo?page=2', contentType: 'application/json' });
  });

  it('throws an ApiError with status, code and fields from the error envelope', async () => {
    const error = await client.post('/api/auth/signup', { email: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      message: 'Validation failed',
      fields: { email: ['Must be a valid email address'], password: ['Must be at least 8 characters'] },
    });
  });

  it('reads retry-after on a 429 and defaults fields to {}', async () => {
    const error = await client.post('/api/auth/login', { email: 'a', password: 'b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', message: 'Too many attempts', fields: {}, retryAfter: 42 });
  });

  it('maps a response without an envelope to an ApiError from its status', async () => {
    const error = await client.get('/api/html').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiError', status: 502, code: 'UPSTREAM_ERROR' });
  });

  it('reports an unreachable server as NETWORK_ERROR', async () => {
    const offline = createApiClient({ baseUrl: 'http://127.0.0.1:1' });
    const error = await offline.get('/api/auth/session').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiError', status: 0, code: 'NETWORK_ERROR' });
  });
});
