import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { channels } from '../../db/schema/index.ts';
import { buildTestApp, errorOf, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { upsertCustomer } from './queries.ts';

let t: TestApp;
let A: Org;
let B: Org;
let chatA: string;

const createWithCustomer = async (customer: Record<string, string>) => {
  const res = await A.AGENT.post('/api/conversations', { channelId: chatA, customer });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; customer: { id: string } };
};

beforeAll(async () => {
  t = await buildTestApp();
  ({ A, B } = await twoOrganizations(t.app));
  chatA = (await t.app.db.insert(channels).values({ organizationId: A.ADMIN.organizationId, type: 'WEBSITE_CHAT', name: 'Chat', credentials: 'x' }).returning())[0]!.id;
});
afterAll(() => t.close());

describe('GET /api/customers', () => {
  test('lists the organization\'s customers, newest first, for every role; search over name, email, phone', async () => {
    const ada = (await createWithCustomer({ name: 'Ada Search', email: 'ada.search@example.com', phone: '+1 555 0101' })).customer.id;
    const bob = (await createWithCustomer({ name: 'Bob 100%_real', email: 'bob@sample.org' })).customer.id;
    for (const role of ['ADMIN', 'AGENT', 'VIEWER'] as const) {
      const res = await A[role].get('/api/customers');
      expect(res.status).toBe(200);
      expect(res.body.data.items.slice(0, 2).map((c: { id: string }) => c.id)).toEqual([bob, ada]);
    }
    expect((await A.VIEWER.get('/api/customers')).body.data.items[1]).toEqual({
      id: ada, name: 'Ada Search', email: 'ada.search@example.com', phone: '+15550101', avatarUrl: null, color: null, language: null, metadata: {}, createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const ids = async (q: string) => (await A.VIEWER.get(`/api/customers?search=${encodeURIComponent(q)}`)).body.data.items.map((c: { id: string }) => c.id);
    expect(await ids('ada s')).toEqual([ada]);
    expect(await ids('SAMPLE.ORG')).toEqual([bob]);
    expect(await ids('5550101')).toEqual([ada]);
    // LIKE wildcards are literal.
    expect(await ids('100%_')).toEqual([bob]);
    expect(await ids('%')).toEqual([bob]);
    expect(await ids('a_a')).toEqual([]);
    expect((await B.ADMIN.get('/api/customers')).body.data.items).toEqual([]);
    expect((await A.VIEWER.get(`/api/customers?search=${'x'.repeat(101)}`)).status).toBe(400);
  });

  test('keyset cursor walks every customer once', async () => {
    const { A: P } = await twoOrganizations(t.app);
    const chat = (await t.app.db.insert(channels).values({ organizationId: P.ADMIN.organizationId, type: 'WEBSITE_CHAT', name: 'Chat', credentials: 'x' }).returning())[0]!.id;
    const made: string[] = [];
    for (let i = 0; i < 11; i++) made.push((await P.AGENT.post('/api/conversations', { channelId: chat, customer: { email: `walk${i}@example.com` } })).body.data.customer.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await P.VIEWER.get(`/api/customers?pageSize=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.data.pagination.total).toBe(11);
      seen.push(...res.body.data.items.map((c: { id: string }) => c.id));
      cursor = res.body.data.pagination.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });
});

describe('GET/PATCH /api/customers/:id', () => {
  test('GET for every role; another organization 404', async () => {
    const id = (await createWithCustomer({ name: 'Getme' })).customer.id;
    for (const role of ['ADMIN', 'AGENT', 'VIEWER'] as const) expect((await A[role].get(`/api/customers/${id}`)).body.data.name).toBe('Getme');
    expect((await B.ADMIN.get(`/api/customers/${id}`)).status).toBe(404);
  });

  test('AGENT updates name, email, phone, language, metadata; VIEWER 403; another organization 404', async () => {
    const id = (await createWithCustomer({ name: 'Old Name' })).customer.id;
    expect((await A.VIEWER.patch(`/api/customers/${id}`, { name: 'Viewer' })).status).toBe(403);
    expect((await B.ADMIN.patch(`/api/customers/${id}`, { name: 'Org B' })).status).toBe(404);
    const res = await A.AGENT.patch(`/api/customers/${id}`, { name: 'New Name', email: 'New@Example.com', phone: '+49 30 1234', language: 'de', metadata: { plan: 'gold', seats: 3 } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id, name: 'New Name', email: 'new@example.com', phone: '+49301234', language: 'de', metadata: { plan: 'gold', seats: 3 } });
    expect((await A.ADMIN.get(`/api/customers/${id}`)).body.data.name).toBe('New Name');
    const cleared = await A.ADMIN.patch(`/api/customers/${id}`, { email: null, phone: null });
    expect(cleared.body.data).toMatchObject({ email: null, phone: null, name: 'New Name' });
  });

  test('an email or phone of another customer is 409; of another organization is fine', async () => {
    await createWithCustomer({ email: 'taken@example.com', phone: '+1 555 0199' });
    const id = (await createWithCustomer({ name: 'Second' })).customer.id;
    const email = await A.AGENT.patch(`/api/customers/${id}`, { email: 'TAKEN@example.com' });
    expect(email.status).toBe(409);
    expect(errorOf(email)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('email') });
    const phone = await A.AGENT.patch(`/api/customers/${id}`, { phone: '+15550199' });
    expect(phone.status).toBe(409);
    expect(errorOf(phone).message).toContain('phone');
    expect((await A.ADMIN.get(`/api/customers/${id}`)).body.data).toMatchObject({ email: null, phone: null });
  });

  test('bad bodies are 400 with fields', async () => {
    const id = (await createWithCustomer({ name: 'Valid' })).customer.id;
    for (const [body, field] of [[{ email: 'nope' }, 'email'], [{ phone: 'abc' }, 'phone'], [{ metadata: 'x' }, 'metadata'], [{ metadata: { big: 'x'.repeat(20_000) } }, 'metadata'], [{ avatarUrl: 'x' }, 'avatarUrl']] as const) {
      const res = await A.AGENT.patch(`/api/customers/${id}`, body);
      expect(res.status).toBe(400);
      expect(errorOf(res).fields).toHaveProperty([field]);
    }
  });
});

describe('GET /api/customers/:id/conversations', () => {
  test('the customer\'s conversations only; another organization 404', async () => {
    const first = await createWithCustomer({ email: 'history@example.com' });
    const second = await createWithCustomer({ email: 'history@example.com' });
    await createWithCustomer({ email: 'someone-else@example.com' });
    const res = await A.VIEWER.get(`/api/customers/${first.customer.id}/conversations`);
    expect(res.status).toBe(200);
    expect(res.body.data.items.map((c: { id: string }) => c.id)).toEqual([second.id, first.id]);
    expect(res.body.data.items[0].customer.email).toBe('history@example.com');
    expect(res.body.data.pagination.total).toBe(2);
    expect((await B.ADMIN.get(`/api/customers/${first.customer.id}/conversations`)).status).toBe(404);
  });
});

describe('upsertCustomer', () => {
  const org = () => A.ADMIN.organizationId;
  const count = async (where: ReturnType<typeof sql>) => (await rows<{ n: number }>(t.app.db, sql`select count(*)::int as n from customers where organization_id = ${org()} and ${where}`))[0]!.n;

  test('finds by identity, then email, then phone; links the identity', async () => {
    const byEmail = await t.app.db.transaction((tx) => upsertCustomer(tx, { organizationId: org(), email: 'Upsert@Example.com', name: 'U' }));
    expect(byEmail.email).toBe('upsert@example.com');
    const linked = await t.app.db.transaction((tx) => upsertCustomer(tx, { organizationId: org(), channelId: chatA, externalId: 'vis-1', email: 'upsert@example.com' }));
    expect(linked.id).toBe(byEmail.id);
    const byIdentity = await t.app.db.transaction((tx) => upsertCustomer(tx, { organizationId: org(), channelId: chatA, externalId: 'vis-1' }));
    expect(byIdentity.id).toBe(byEmail.id);
    const byPhone = await t.app.db.transaction((tx) => upsertCustomer(tx, { organizationId: org(), phone: '+44 1234 567' }));
    expect((await t.app.db.transaction((tx) => upsertCustomer(tx, { organizationId: org(), phone: '+441234567', email: 'phone-first@example.com' }))).id).toBe(byPhone.id);
  });

  test('concurrent upserts of one email or one identity make one customer', async () => {
    const same = await Promise.all(Array.from({ length: 6 }, () => t.app.db.transaction((tx) => upsertCustomer(tx, { organizationId: org(), email: 'race@example.com' }))));
    expect(new Set(same.map((c) => c.id)).size).toBe(1);
    expect(await count(sql`email = 'race@example.com'`)).toBe(1);
    const before = await count(sql`true`);
    const identity = await Promise.all(Array.from({ length: 6 }, () => t.app.db.transaction((tx) => upsertCustomer(tx, { organizationId: org(), channelId: chatA, externalId: 'race-visitor' }))));
    expect(new Set(identity.map((c) => c.id)).size).toBe(1);
    // The losers' rows were rolled back with their savepoint: no orphans.
    expect(await count(sql`true`)).toBe(before + 1);
  });
});
