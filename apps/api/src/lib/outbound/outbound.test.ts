import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isForbiddenAddress } from './address.ts';
import { isAllowed, parseAllowList } from './allow-list.ts';
import { OutboundError } from './errors.ts';
import { createGuardedFetch } from './fetch.ts';
import { checkMailHost } from './mail.ts';
import { checkUrl } from './url.ts';

const none = parseAllowList('');

describe('checkUrl: literal addresses refused at write time, in every spelling', () => {
  test.each([
    'https://127.0.0.1/v1',
    'https://127.0.0.2/v1',
    'https://2130706433/v1',
    'https://0177.0.0.1/v1',
    'https://0x7f.1/v1',
    'https://0x7f000001/v1',
    'https://127.1/v1',
    'https://[::1]/v1',
    'https://[::ffff:127.0.0.1]/v1',
    'https://[::ffff:7f00:1]/v1',
    'https://0.0.0.0/v1',
    'https://0/v1',
    'https://[::]/v1',
    'https://10.1.2.3/',
    'https://172.16.0.1/',
    'https://192.168.1.1/',
    'https://169.254.169.254/latest/meta-data',
    'https://[fe80::1]/',
    'https://[fd00::1]/',
    'https://100.64.0.1/',
    'https://224.0.0.1/',
    'https://[ff02::1]/',
    'https://255.255.255.255/',
    'https://[::ffff:10.0.0.1]/',
    'https://[2002:7f00:1::]/',
  ])('%s', (url) => {
    const res = checkUrl(url, none);
    expect(res.ok).toBe(false);
  });

  test.each(['https://api.openai.com/v1', 'https://8.8.8.8/', 'https://[2606:4700:4700::1111]/', 'https://localhost.example.com/'])('%s passes', (url) => {
    expect(checkUrl(url, none).ok).toBe(true);
  });

  test.each(['http://api.openai.com/v1', 'ftp://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'https://user:pass@example.com/'])(
    'scheme or form refused: %s',
    (url) => {
      expect(checkUrl(url, none).ok).toBe(false);
    },
  );
});

describe('OUTBOUND_ALLOW', () => {
  const allow = parseAllowList('127.0.0.1:11434, 10.0.0.0/8, models.internal:8080, [::1]:9000');

  test('host:port exempts that port only, and allows plain http', () => {
    expect(checkUrl('http://127.0.0.1:11434/v1', allow).ok).toBe(true);
    expect(checkUrl('http://2130706433:11434/v1', allow).ok).toBe(true);
    expect(checkUrl('http://127.0.0.1:11435/v1', allow).ok).toBe(false);
    expect(checkUrl('https://127.0.0.1/v1', allow).ok).toBe(false);
    expect(checkUrl('http://models.internal:8080/', allow).ok).toBe(true);
    expect(checkUrl('http://models.internal/', allow).ok).toBe(false);
    expect(checkUrl('http://[::1]:9000/', allow).ok).toBe(true);
    expect(checkUrl('http://[::1]:9001/', allow).ok).toBe(false);
  });

  test('a CIDR exempts every port of its addresses', () => {
    expect(checkUrl('http://10.2.3.4:1/', allow).ok).toBe(true);
    expect(checkUrl('https://10.2.3.4:65000/', allow).ok).toBe(true);
    expect(checkUrl('http://11.2.3.4/', allow).ok).toBe(false);
    expect(checkUrl('http://192.168.0.1:11434/', allow).ok).toBe(false);
  });

  test('a host:port entry written as an address also covers a name resolving to it', () => {
    expect(isAllowed(allow, { host: 'localhost', port: 11434, address: '127.0.0.1' })).toBe(true);
    expect(isAllowed(allow, { host: 'localhost', port: 11435, address: '127.0.0.1' })).toBe(false);
  });

  test.each(['127.0.0.1', 'host:', ':80', 'a:99999', '10.0.0.0/33', 'x/8', 'a b:1', '[nope]:80', 'under_score.example:80'])('bad entry %s is rejected', (entry) => {
    expect(() => parseAllowList(entry)).toThrow(entry);
  });
});

describe('isForbiddenAddress', () => {
  test.each(['127.0.0.1', '10.0.0.1', '::1', '::', '::ffff:127.0.0.1', 'fc00::1', '100.100.100.100', 'nonsense'])('%s forbidden', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });
  test.each(['1.1.1.1', '2606:4700::1111', '::ffff:1.1.1.1'])('%s allowed', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });
});

describe('checkMailHost', () => {
  test('the protocol ports only, public hosts only', () => {
    expect(checkMailHost('smtp', 'smtp.example.com', 587, none).ok).toBe(true);
    expect(checkMailHost('smtp', 'smtp.example.com', 2525, none).ok).toBe(true);
    expect(checkMailHost('imap', 'imap.example.com', 993, none).ok).toBe(true);
    expect(checkMailHost('smtp', 'smtp.example.com', 993, none).ok).toBe(false);
    expect(checkMailHost('imap', 'imap.example.com', 6379, none).ok).toBe(false);
    expect(checkMailHost('smtp', '0177.0.0.1', 25, none).ok).toBe(false);
    expect(checkMailHost('smtp', '::1', 25, none).ok).toBe(false);
    expect(checkMailHost('imap', '127.0.0.1', 3143, parseAllowList('127.0.0.1:3143')).ok).toBe(true);
  });
});

describe('createGuardedFetch', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') return res.writeHead(302, { location: 'http://127.0.0.1:1/' }).end();
      if (req.url === '/big') return res.end('x'.repeat(10_000));
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const guarded = (extra = {}) => createGuardedFetch({ allow: parseAllowList(`127.0.0.1:${port}`), ...extra });

  test('an allowed destination is reached', async () => {
    const res = await guarded()(`http://127.0.0.1:${port}/ok`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  test('a name resolving to loopback on a port not allowed is refused at call time, nothing is sent', async () => {
    hits.length = 0;
    const call = createGuardedFetch({ allow: parseAllowList(`127.0.0.1:${port + 1}`) });
    const err = await call(`http://localhost:${port}/secret`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundError);
    // plain http on a port not allowed fails the scheme check; https on that name fails the address check.
    const viaHttps = await call(`https://localhost:${port}/secret`).catch((e: unknown) => e);
    expect(viaHttps).toBeInstanceOf(OutboundError);
    expect((viaHttps as OutboundError).kind).toBe('BLOCKED');
    expect((viaHttps as OutboundError).message).toContain('internal address');
    expect(hits).toEqual([]);
  });

  test('a name whose resolution includes one bad address is refused (DNS rebinding)', async () => {
    hits.length = 0;
    const call = createGuardedFetch({
      allow: none,
      resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '127.0.0.1', family: 4 }],
    });
    const err = (await call('https://rebind.example/').catch((e: unknown) => e)) as OutboundError;
    expect(err.kind).toBe('BLOCKED');
    expect(hits).toEqual([]);
  });

  test('the connection goes to the checked address, whatever the name', async () => {
    hits.length = 0;
    const call = createGuardedFetch({ allow: parseAllowList(`pinned.test:${port}`), resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const res = await call(`http://pinned.test:${port}/pinned`);
    expect(res.status).toBe(200);
    expect(hits).toEqual(['/pinned']);
  });

  test('redirects are not followed', async () => {
    hits.length = 0;
    const err = (await guarded()(`http://127.0.0.1:${port}/redirect`).catch((e: unknown) => e)) as OutboundError;
    expect(err.kind).toBe('REDIRECT');
    expect(hits).toEqual(['/redirect']);
  });

  test('a body over the cap fails', async () => {
    const err = (await guarded({ maxBytes: 1000 })(`http://127.0.0.1:${port}/big`).catch((e: unknown) => e)) as OutboundError;
    expect(err.kind).toBe('TOO_LARGE');
  });

  test('a slow answer times out', async () => {
    const err = (await guarded({ timeoutMs: 200 })(`http://127.0.0.1:${port}/slow`).catch((e: unknown) => e)) as OutboundError;
    expect(err.kind).toBe('TIMEOUT');
  });
});
