import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { channels, notificationThrottles } from '../../db/schema/index.ts';
import { buildTestApp, twoOrganizations, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { sweepNotifications } from './sweeper.ts';
import { BATCH_WINDOW_MS } from './recipients.ts';

let t: TestApp;
let A: Org;
beforeAll(async () => {
  t = await buildTestApp();
  ({ A } = await twoOrganizations(t.app));
});
afterAll(() => t.close());

describe('the notifications sweeper prunes batching slots older than the window', () => {
  test('old rows go, fresh ones stay', async () => {
    const channelId = (await t.app.db.insert(channels).values({ organizationId: A.ADMIN.organizationId, type: 'WEBSITE_CHAT', name: 'Chat', credentials: 'x' }).returning())[0]!.id;
    const conversationId = (await A.AGENT.post('/api/conversations', { channelId, customer: { name: 'Ada' } })).body.data.id as string;
    const now = new Date();
    await t.app.db.insert(notificationThrottles).values([
      { userId: A.ADMIN.userId, conversationId, channel: 'push', lastSentAt: new Date(now.getTime() - BATCH_WINDOW_MS - 1_000) },
      { userId: A.ADMIN.userId, conversationId, channel: 'email', lastSentAt: new Date(now.getTime() - 1_000) },
    ]);
    await sweepNotifications(t.app, now);
    const left = await t.app.db.select().from(notificationThrottles);
    expect(left.map((r) => r.channel)).toEqual(['email']);
  });
});
