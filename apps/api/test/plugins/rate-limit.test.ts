import { randomInt, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signupActor } from '../helpers/app.ts';
import { createTestDatabase } from '../helpers/database.ts';
import type { App } from '../../src/app.ts';
import type { Database } from '../../src/db/client.ts';
import { buildInstance, insertChannel, testRedisUrl } from '../helpers/instances.ts';

// CI sets TEST_REDIS_URL; locally a Redis on 127.0.0.1:6379 is used if one answers.
const redisUrl = await testRedisUrl();

describe.skipIf(!redisUrl)('per-IP limits are shared by two instances through Redis', () => {
  let database: Database;
  let one: App;
  let two: App;
  let redis: Redis;
  // Each run limits its own client addresses, so counters of other runs (and their cleanup) never meet.
  const used: string[] = [];
  const freshIp = () => {
    const ip = `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
    used.push(ip);
    return ip;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { REDIS_URL: redisUrl!, RATE_LIMIT_FACTOR: '1' };
    [one, two] = await Promise.all([buildInstance(database, { env }), buildInstance(database, { env })]);
    redis = new Redis(redisUrl!);
  });
  afterAll(async () => {
    for (const ip of used) {
      const keys = await redis.keys(`helpstack:rl:*${ip}*`);
      if (keys.length) await redis.del(...keys);
    }
    redis?.disconnect();
    await Promise.all([one?.close(), two?.close()]);
    await database?.close();
  });

  test('login: 30 attempts across emails split over both instances, then 429 on either', async () => {
    const ip = freshIp();
    const login = (app: App, i: number) =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email: `spray-${i}@example.com`, password: 'Summer2026!' } });
    for (let i = 0; i < 30; i++) expect((await login(i % 2 ? one : two, i)).statusCode).toBe(401);
    expect((await login(one, 30)).statusCode).toBe(429);
    expect((await login(two, 31)).statusCode).toBe(429);
  });

  test('widget: 60 messages from fresh visitors split over both instances, then 429 on either', async () => {
    const ip = freshIp();
    const admin = await signupActor(one);
    const channel = await insertChannel(database.db, admin.organizationId);
    const message = (app: App) =>
      app.inject({ method: 'POST', url: '/api/widget/message', remoteAddress: ip, payload: { channelId: channel.id, visitorId: randomUUID(), content: 'hi' } });
    for (let i = 0; i < 60; i++) expect((await message(i % 2 ? one : two)).statusCode).toBe(201);
    expect((await message(one)).statusCode).toBe(429);
    expect((await message(two)).statusCode).toBe(429);
  });

  test('the counters share the app\'s one Redis command connection (app.redis): no connection of their own', async () => {
    const third = await buildInstance(database, { env: { REDIS_URL: redisUrl!, RATE_LIMIT_FACTOR: '1' } });
    try {
      await third.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: freshIp(), payload: { email: 'nobody@example.com', password: 'Summer2026!' } });
      // The limiter defines its Lua scripts on the connection it counts with: that is app.redis.
      expect(typeof (third.redis as unknown as { rateLimit?: unknown }).rateLimit).toBe('function');
    } finally {
      await third.close();
    }
  });
});
