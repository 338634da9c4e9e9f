import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  test('defaults of CONTRACT §7', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', SIGNUP_TOKENS: 10000, APP_ORIGIN: [] });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  test('bad values fail at start-up with a message naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ENCRYPTION_KEY: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ENCRYPTION_KEY: 'short' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/DATABASE_URL: must be a postgres/);
      expect((err as Error).message).toMatch(/ENCRYPTION_KEY/);
    }
  });

  test('APP_ORIGIN is a comma-separated list; empty strings count as unset', () => {
    const c = loadConfig({ APP_ORIGIN: 'https://a.example/, https://b.example', DATABASE_URL: '' });
    expect(c.APP_ORIGIN).toEqual(['https://a.example', 'https://b.example']);
    expect(c.DATABASE_URL).toBeUndefined();
  });

  test('OUTBOUND_ALLOW: unset allows nothing; host:port and CIDR entries; a bad entry stops start-up naming it', () => {
    expect(loadConfig({}).OUTBOUND_ALLOW).toEqual([]);
    expect(loadConfig({ OUTBOUND_ALLOW: '127.0.0.1:11434, models.internal:8080,[::1]:9000, 10.0.0.0/8' }).OUTBOUND_ALLOW).toMatchObject([
      { kind: 'hostPort', host: '127.0.0.1', port: 11434 },
      { kind: 'hostPort', host: 'models.internal', port: 8080 },
      { kind: 'hostPort', host: '::1', port: 9000 },
      { kind: 'cidr' },
    ]);
    for (const bad of ['127.0.0.1', 'host:70000', '10.0.0.0/40', 'a b:1']) {
      expect(() => loadConfig({ OUTBOUND_ALLOW: bad }), bad).toThrow(/OUTBOUND_ALLOW.*neither host:port nor a CIDR/);
    }
  });

  test('TRUST_PROXY: unset trusts no proxy (even in production); a hop count or a list of addresses/CIDRs', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }).TRUST_PROXY).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
    for (const bad of ['true', 'yes', '-1', '1.5', '10.0.0.0/33', '300.1.1.1', 'proxy.example.com']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});
