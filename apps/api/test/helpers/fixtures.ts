import type { Database } from '../../src/db/client.ts';
import { channels, type channelTypes } from '../../src/db/schema/index.ts';

/** A channel row straight in the database, for tests of modules that only need one to exist. */
export async function insertChannel(db: Database['db'], params: { organizationId: string; type?: (typeof channelTypes)[number]; name?: string }) {
  const [row] = await db
    .insert(channels)
    .values({ organizationId: params.organizationId, type: params.type ?? 'WEBSITE_CHAT', name: params.name ?? 'Website', credentials: 'unused-in-this-test' })
    .returning();
  return row!;
}
