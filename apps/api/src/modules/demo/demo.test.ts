import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, sessionCookieOf, signupActor, type TestApp } from '../../../test/helpers/app.ts';
import { paths } from '../../paths.ts';
import { findDemoChannelId, seedDemo } from './seed.ts';

let t: TestApp;
let demo: NonNullable<Awaited<ReturnType<typeof seedDemo>>>;

beforeAll(async () => {
  t = await buildTestApp();
  demo = (await seedDemo(t.app, { tokens: 100 }))!;
  expect(demo).toBeTruthy();
});
afterAll(() => t.close());

describe('the demo page after the demo organization is renamed', () => {
  test('still finds the demo channel, and never a stranger\'s organization that took the old name', async () => {
    expect(await findDemoChannelId(t.app)).toBe(demo.channelId);
    const login = await client(t.app).post('/api/auth/login', { email: demo.email, password: demo.password });
    expect(login.status).toBe(200);
    const admin = client(t.app, sessionCookieOf(login));
    const renamed = await admin.patch('/api/organization', { name: 'Acme Support' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data.name).toBe('Acme Support');
    // Someone else now calls their organization what the demo was called, with a chat channel of their own.
    const stranger = await signupActor(t.app);
    expect((await stranger.patch('/api/organization', { name: 'Demo Support' })).status).toBe(200);
    expect((await stranger.post('/api/channels', { type: 'WEBSITE_CHAT', name: 'Theirs', credentials: {} })).status).toBe(201);

    expect(await findDemoChannelId(t.app)).toBe(demo.channelId);
    const page = await t.app.inject({ method: 'GET', url: '/demo/widget' });
    if (!existsSync(paths.widgetDemo)) return; // no demo page in this checkout: the route is not there
    expect(page.statusCode).toBe(200);
    if (existsSync(path.join(paths.widgetDist, 'widget.js'))) expect(page.body).toContain(`data-channel-id="${demo.channelId}"`);
  });
});
