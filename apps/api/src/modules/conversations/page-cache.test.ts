import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildTestApp, client, signupActor, type Actor, type TestApp } from '../../../test/helpers/app.ts';
import { rows, testDriver } from '../../../test/helpers/database.ts';
import { insertChannel } from '../../../test/helpers/fixtures.ts';
import { buildInstance } from '../../../test/helpers/instances.ts';
import type { App } from '../../app.ts';

/**
 * Cached list pages (page-cache.ts, plugins/app/inbox-changes.ts): a repeated list costs no query, and no
 * change committed before a request — through any table a list shows, on any instance — is missing from
 * its answer.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** A new organization's admin with a channel to open conversations on. */
async function member() {
  const admin = await signupActor(t.app);
  const channel = await insertChannel(t.app.db, { organizationId: admin.organizationId, name: 'Chat' });
  return Object.assign(admin, { channelId: channel.id });
}
async function conversation(as: Actor & { channelId: string }, name = 'Ada', subject = 'Refund') {
  const res = await as.post('/api/conversations', { channelId: as.channelId, subject, customer: { name, email: `${name.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.com` } });
  expect(res.status).toBe(201);
  // Subscribers that touch the new conversation later would move the version under the test's feet.
  await t.app.events.dispatch();
  return res.body.data as { id: string; customer: { id: string } };
}
const first = async (as: Actor, query = '') => (await as.get(`/api/conversations${query}`)).body.data.items[0];

/** Changes a row behind the triggers' back (as a restore from backup might): only an uncached read sees it. */
async function silently(app: App, statement: ReturnType<typeof sql>) {
  await app.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

describe('cached conversation list pages', () => {
  test('a repeated list is answered from memory; Cache-Control: no-cache reads afresh', async () => {
    const admin = await member();
    const c = await conversation(admin);
    expect((await first(admin)).subject).toBe('Refund');
    await silently(t.app, sql`update conversations set subject = 'Changed unseen' where id = ${c.id}`);
    expect((await first(admin)).subject).toBe('Refund');
    const fresh = await admin.get('/api/conversations', { 'cache-control': 'no-cache' });
    expect(fresh.status).toBe(200);
    expect(fresh.headers['content-type']).toMatch(/^application\/json/);
    expect(fresh.body.data.items[0].subject).toBe('Changed unseen');
  });

  test('every change to what a list shows is in the very next list', async () => {
    const admin = await member();
    const c = await conversation(admin, 'Grace');
    const tag = (await admin.post('/api/tags', { name: 'billing', color: '#ff0000' })).body.data;
    const changes: Array<[string, () => Promise<unknown>, (item: any) => unknown, unknown]> = [
      ['status', () => admin.patch(`/api/conversations/${c.id}`, { status: 'PENDING' }), (i) => i.status, 'PENDING'],
      ['tagging', () => admin.patch(`/api/conversations/${c.id}`, { tagIds: [tag.id] }), (i) => i.tags.map((x: any) => x.name), ['billing']],
      ['tag rename', () => admin.patch(`/api/tags/${tag.id}`, { name: 'invoices' }), (i) => i.tags.map((x: any) => x.name), ['invoices']],
      ['customer rename', () => admin.patch(`/api/customers/${c.customer.id}`, { name: 'Grace Hopper' }), (i) => i.customer.name, 'Grace Hopper'],
      ['new message', () => admin.post(`/api/conversations/${c.id}/messages`, { conversationId: c.id, content: 'A fresh reply' }), (i) => i.lastMessagePreview, 'A fresh reply'],
      ['tag delete', () => admin.delete(`/api/tags/${tag.id}`), (i) => i.tags, []],
    ];
    for (const [what, change, pick, expected] of changes) {
      await first(admin, '?status=ALL'); // cached now
      await change();
      expect(pick(await first(admin, '?status=ALL')), what).toEqual(expected);
    }
    await admin.delete(`/api/conversations/${c.id}`);
    expect((await admin.get('/api/conversations?status=ALL')).body.data.pagination.total).toBe(0);
  });

  test("another organization's change keeps this organization's pages; the same query of another member is the same page", async () => {
    const a = await member();
    const b = await member();
    const c = await conversation(a);
    await conversation(b);
    await first(a);
    await silently(t.app, sql`update conversations set subject = 'Changed unseen' where id = ${c.id}`);
    await conversation(b, 'Other', 'Elsewhere');
    expect((await first(a)).subject).toBe('Refund');
    // A change in the organization itself drops its pages: the unseen change shows with it.
    await conversation(a, 'Second', 'Newer');
    expect((await a.get('/api/conversations')).body.data.items.map((i: any) => i.subject)).toEqual(['Newer', 'Changed unseen']);
  });

  test('a change made through another instance is in the next list of this one', async () => {
    const other = await buildInstance(t.database, { env: { RATE_LIMIT_FACTOR: '1000' } });
    try {
      const admin = await member();
      const there = client(other, admin.cookie);
      const c = await conversation(admin);
      for (let i = 0; i < 25; i++) {
        await first(admin); // cached here
        expect((await there.patch(`/api/conversations/${c.id}`, { subject: `Subject ${i}` })).status).toBe(200);
        expect((await first(admin)).subject).toBe(`Subject ${i}`);
      }
    } finally {
      await other.close();
    }
  });

  test.runIf(testDriver() === 'pg')('while the LISTEN connection is down lists are read uncached, and cached again once it is back', async () => {
    const admin = await member();
    const c = await conversation(admin);
    await first(admin);
    await t.app.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'helpstack-inbox-changes' and datname = current_database()`);
    // Until it is back, nothing cached is served: a change the triggers did not announce shows at once.
    await silently(t.app, sql`update conversations set subject = 'While away' where id = ${c.id}`);
    await expect.poll(async () => (await first(admin)).subject, { timeout: 5000 }).toBe('While away');
    await expect.poll(async () => (await rows(t.app.db, sql`select 1 from pg_stat_activity where application_name = 'helpstack-inbox-changes' and datname = current_database()`)).length, { timeout: 10_000 }).toBe(1);
    await first(admin);
    await silently(t.app, sql`update conversations set subject = 'After' where id = ${c.id}`);
    expect((await first(admin)).subject).toBe('While away');
  });
});
