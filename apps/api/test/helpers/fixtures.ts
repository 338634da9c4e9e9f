import type { Database } from '../../src/db/client.ts';
import { channels } from '../../src/db/schema/index.ts';
import { providerChannel } from '../../src/modules/channels/providers/meta/payload.ts';

type ChannelValues = Partial<typeof channels.$inferInsert> & { organizationId: string };

/** The account id a Meta channel's summary names, as the service records it in channels.account_id. */
function accountIdFrom(values: ChannelValues): string | null {
  const field = Object.values(providerChannel).find((p) => p.type === values.type)?.accountField;
  const id = field ? values.credentialsSummary?.[field] : undefined;
  return typeof id === 'string' ? id : null;
}

/**
 * A channel row straight in the database, for tests of modules that only need one to exist (its
 * credentials are a placeholder: nothing here decrypts them).
 */
export async function insertChannel(db: Database['db'], values: ChannelValues) {
  const type = values.type ?? 'WEBSITE_CHAT';
  const [row] = await db
    .insert(channels)
    .values({ name: `${type} test`, credentials: 'unused-in-this-test', accountId: accountIdFrom({ ...values, type }), ...values, type })
    .returning();
  return row!;
}
