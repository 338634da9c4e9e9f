import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { channels } from './channels.ts';
import { organizations } from './organizations.ts';

/**
 * IMAP bookkeeping of an EMAIL channel's inbox (CONTRACT §10 "each new UID once … across restarts and
 * instances"): the UIDVALIDITY seen and the last UID taken, plus the lease that lets exactly one instance poll it.
 */
export const emailMailboxes = pgTable('email_mailboxes', {
  channelId: text('channel_id').primaryKey().references(() => channels.id, { onDelete: 'cascade' }),
  organizationId: text('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  /** null until the first connect, which starts after the mail already there (existing mail is not imported). */
  uidValidity: bigint('uid_validity', { mode: 'number' }),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
});
