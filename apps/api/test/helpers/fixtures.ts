import type { Database } from '../../src/db/client.ts';
import { channels } from '../../src/db/schema/index.ts';

type ChannelValues = Partial<typeof channels.$inferInsert> & { organizationId: string };

/**
 * A channel row straight in the database, for tests of modules that only need one to exist (its
 * credentials are a placeholder: nothing here decrypts them).
 */
export async function insertChannel(db: Database['db'], values: ChannelValues) {
  const type = values.type ?? 'WEBSITE_CHAT';
  const [row] = await db
    .insert(channels)
    .values({ name: `${type} test`, credentials: 'unused-in-this-test', ...values, type })
    .returning();
  return row!;
}
