import { buildTestApp, twoOrganizations, type Org, type TestApp } from './app.ts';
import { insertChannel } from './fixtures.ts';

type ChannelOrgs = { t: TestApp; A: Org; B: Org; chA: string; chB: string };

/**
 * The set-up of the tests of channel-scoped resources (saved replies, FAQs, tags, bulk actions): a fresh test
 * app, organizations A and B (an ADMIN, AGENT and VIEWER each) and a channel in each. `secondInA` names a
 * second channel in A, created right after the first, for what is scoped to one channel and not another.
 */
export async function twoOrganizationsWithChannels(): Promise<ChannelOrgs>;
export async function twoOrganizationsWithChannels(options: { secondInA: string }): Promise<ChannelOrgs & { chA2: string }>;
export async function twoOrganizationsWithChannels(options: { secondInA?: string } = {}): Promise<ChannelOrgs & { chA2?: string }> {
  const t = await buildTestApp();
  const { A, B } = await twoOrganizations(t.app);
  const db = t.database.db;
  const chA = (await insertChannel(db, { organizationId: A.ADMIN.organizationId })).id;
  const chA2 = options.secondInA === undefined ? undefined : (await insertChannel(db, { organizationId: A.ADMIN.organizationId, name: options.secondInA })).id;
  const chB = (await insertChannel(db, { organizationId: B.ADMIN.organizationId })).id;
  return { t, A, B, chA, chB, ...(chA2 === undefined ? {} : { chA2 }) };
}
