import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, errorOf, signupActor, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('envelope and error mapping', () => {
  test('GET /api and unknown /api paths are 404 envelopes with x-request-id', async () => {
    for (const url of ['/api', '/api/', '/api/definitely/not/here']) {
      const res = await client(t.app).get(url);
      expect(res.status).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  test('an incoming x-request-id is echoed when sane, replaced when not', async () => {
    expect((await client(t.app).get('/api/health', { 'x-request-id': 'abc-123' })).headers['x-request-id']).toBe('abc-123');
    const bad = (await client(t.app).get('/api/health', { 'x-request-id': 'a b\nc' })).headers['x-request-id'];
    expect(bad).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('malformed JSON is 400 VALIDATION_ERROR', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('VALIDATION_ERROR');
  });

  test('unknown or unstorable keys named like Object.prototype members are plain fields, not a 500', async () => {
    const admin = await signupActor(t.app);
    const unknown = await admin.patch('/api/organization', { name: 'Acme', constructor: 1, toString: 2 });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).fields).toEqual({ constructor: ['Unknown field'], toString: ['Unknown field'] });
    const unstorable = await admin.patch('/api/organization', { constructor: 'a\u0000' });
    expect(unstorable.status).toBe(400);
    expect(Object.keys(errorOf(unstorable).fields!)).toEqual(['constructor']);
  });

  test('an unsupported content type is 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(JSON.parse(res.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('an oversize body is 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a'.repeat(2 * 1024 * 1024), password: 'x' }) });
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('GET /api/health pings the database', async () => {
    const res = await client(t.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ status: 'ok', database: t.database.driver });
  });

  test('OpenAPI 3.1 is generated from the route schemas, and /docs renders it', async () => {
    const res = await client(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/signup', '/api/members/{id}', '/api/organization']));
    expect(res.body.paths['/api/auth/signup'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'name', 'organizationName']),
    );
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/html/);
  });
});

describe('500s and logs', () => {
  test('an unexpected error is masked for the client and logged in full; cookies and passwords never reach the log', async () => {
    const { buildApp } = await import('../../app.ts');
    const { createTestDatabase } = await import('../../../test/helpers/database.ts');
    const database = await createTestDatabase();
    const lines: string[] = [];
    const { loggerOptions } = await import('../../app.ts');
    const app = await buildApp(t.config, {
      database,
      logger: { ...(loggerOptions({ ...t.config, LOG_LEVEL: 'info' }) as object), stream: new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }) } as never,
    });
    app.get('/api/boom-test', { config: { auth: 'public' } }, async (request) => {
      request.log.info({ body: { password: 'hunter2-password' } }, 'about to fail');
      throw new Error('secret internal detail');
    });
    await app.ready();
    try {
      const admin = await signupActor(app);
      const res = await app.inject({ method: 'GET', url: '/api/boom-test', headers: { cookie: `helpstack_session=${admin.cookie}` } });
      expect(res.statusCode).toBe(500);
      expect(JSON.parse(res.body)).toEqual({ success: false, error: { message: 'An unexpected error occurred', code: 'INTERNAL_ERROR' } });
      const log = lines.join('');
      expect(log).toContain('secret internal detail');
      expect(log).not.toContain(admin.cookie!);
      expect(log).not.toContain('hunter2-password');
      expect(log).not.toContain(admin.password);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('text PostgreSQL cannot store is refused before any handler (one guard)', () => {
  test('NUL and lone surrogates in a JSON body, a query value and a path id are 400 VALIDATION_ERROR with dotted fields', async () => {
    const admin = await signupActor(t.app);
    const body = await admin.patch('/api/organization', { name: 'Acme\u0000Corp' });
    expect(body.status).toBe(400);
    expect(errorOf(body)).toMatchObject({ code: 'VALIDATION_ERROR', fields: { name: [expect.any(String)] } });

    const nested = await admin.post('/api/faqs/reorder', { ids: ['ok', 'bad\ud800'] });
    expect(nested.status).toBe(400);
    expect(errorOf(nested).fields).toHaveProperty(['ids.1']);

    const signup = await client(t.app).post('/api/auth/signup', { email: 'x@example.com', password: 'correct-horse-battery', name: 'A\udc00', organizationName: 'B' });
    expect(signup.status).toBe(400);
    expect(errorOf(signup).fields).toHaveProperty('name');

    const query = await admin.get('/api/conversations?search=a%00b');
    expect(query.status).toBe(400);
    expect(errorOf(query).fields).toHaveProperty('search');

    for (const url of ['/api/customers/%00', '/api/conversations/abc%00def', '/api/media/%00?download=1', '/api/channels/x%00/widget-config']) {
      const res = await admin.get(url);
      expect(res.status, url).toBe(400);
      expect(errorOf(res).fields, `${url} ${JSON.stringify(res.body)}`).toHaveProperty("id");
    }
    const widget = await client(t.app).get('/api/widget/%00/config');
    expect(widget.status).toBe(400);
    expect(errorOf(widget).fields).toHaveProperty('channelId');
  });
});

describe('router-level errors use the envelope', () => {
  test('bad percent-encoding and over-long path parameters', async () => {
    const long = 'a'.repeat(200);
    const urls = ['/api/members/%zz', '/api/members/%', '/api/widget/%E0%A4%A/config', `/api/members/${long}`, `/api/messages/${long}/approve`, `/api/widget/${long}/media/${long}`, `/api/channels/${long}/widget-config`];
    for (const url of urls) {
      const res = await t.app.inject({ method: url.includes('approve') ? 'POST' : 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      const body = JSON.parse(res.body);
      expect(body, url).toMatchObject({ success: false, error: { code: expect.stringMatching(/^(VALIDATION_ERROR|NOT_FOUND|UNAUTHORIZED)$/), message: expect.any(String) } });
      expect(body.error, url).not.toHaveProperty('statusCode');
      expect(res.headers['x-request-id'], url).toBeTruthy();
    }
  });
});

describe('malformed multipart is a 4xx envelope on both upload routes', () => {
  const CRLF = '\r\n';
  const bodies = {
    'no boundary': { type: 'multipart/form-data', payload: `--x${CRLF}content-disposition: form-data; name="file"; filename="a.txt"${CRLF}${CRLF}hello${CRLF}--x--${CRLF}` },
    'boundary mismatch': { type: 'multipart/form-data; boundary=expected', payload: `--other${CRLF}content-disposition: form-data; name="file"; filename="a.txt"${CRLF}${CRLF}hello${CRLF}--other--${CRLF}` },
    'missing closing boundary': { type: 'multipart/form-data; boundary=x', payload: `--x${CRLF}content-disposition: form-data; name="file"; filename="a.txt"${CRLF}content-type: text/plain${CRLF}${CRLF}hello world` },
    'truncated part header': { type: 'multipart/form-data; boundary=x', payload: `--x${CRLF}content-disposition: form-data; name="file"; filen` },
    'empty body': { type: 'multipart/form-data; boundary=x', payload: '' },
  };

  test.each(Object.entries(bodies))('%s', async (_name, { type, payload }) => {
    const admin = await signupActor(t.app);
    const channel = await admin.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Site', credentials: {} });
    expect(channel.status).toBe(201);
    const urls = [
      { url: '/api/media/upload', cookie: `helpstack_session=${admin.cookie}` },
      { url: `/api/widget/${channel.body.data.id}/upload?visitorId=visitor-123456`, cookie: '' },
    ];
    for (const { url, cookie } of urls) {
      const res = await t.app.inject({ method: 'POST', url, headers: { 'content-type': type, ...(cookie ? { cookie } : {}) }, payload });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(JSON.parse(res.body).success, url).toBe(false);
    }
  });
});

describe('a failed query is logged without its parameter values', () => {
  test('the log holds the statement and the SQLSTATE, not the secret', async () => {
    const { buildApp, loggerOptions } = await import('../../app.ts');
    const { createTestDatabase } = await import('../../../test/helpers/database.ts');
    const { sql } = await import('drizzle-orm');
    const database = await createTestDatabase();
    const lines: string[] = [];
    const app = await buildApp(t.config, {
      database,
      logger: { ...(loggerOptions({ ...t.config, LOG_LEVEL: 'info' }) as object), stream: new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }) } as never,
    });
    const secret = 'sekrit-hash-$argon2id$v=19$abc';
    app.get('/api/failing-query-test', { config: { auth: 'public' } }, async () => {
      // 22P02: the secret is not a valid integer; the driver would echo it in its message.
      await app.db.execute(sql`select ${secret}::int as n`);
      return { ok: true };
    });
    await app.ready();
    try {
      const res = await app.inject({ method: 'GET', url: '/api/failing-query-test' });
      expect(res.statusCode).toBe(500);
      const log = lines.join('');
      expect(log).toContain('22P02');
      expect(log).toContain('::int as n');
      expect(log).not.toContain('sekrit');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
