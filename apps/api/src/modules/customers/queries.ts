import { and, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import { conversations, customerIdentities, customers } from '../../db/schema/index.ts';
import { isUniqueViolation } from '../../lib/errors.ts';
import { beforeCursor, cursorTime, encodeCursor, newestFirst, type Cursor } from '../conversations/cursor.ts';
import { withCustomer } from '../conversations/search.ts';


export const customerColumns = {
  id: customers.id,
  name: customers.name,
  email: customers.email,
  phone: customers.phone,
  avatarUrl: customers.avatarUrl,
  color: customers.color,
  nameGenerated: customers.nameGenerated,
  language: customers.language,
  metadata: customers.metadata,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
};
export type CustomerRow = Awaited<ReturnType<typeof selectCustomers>>[number];
const selectCustomers = (db: Executor) => db.select(customerColumns).from(customers);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

export async function listCustomers(db: Executor, params: { organizationId: string; search?: string; limit: number; offset: number; cursor?: Cursor }) {
  const base: SQL[] = [eq(customers.organizationId, params.organizationId)];
  if (params.search) {
    const pattern = `%${escapeLike(params.search)}%`;
    base.push(or(ilike(customers.name, pattern), ilike(customers.email, pattern), ilike(customers.phone, pattern))!);
  }
  const page = params.cursor ? [...base, beforeCursor(customers.createdAt, customers.id, params.cursor)] : base;
  const [rows, [total]] = await Promise.all([
    db.select({ ...customerColumns, cursorAt: cursorTime(customers.createdAt) }).from(customers).where(and(...page))
      .orderBy(newestFirst(customers.createdAt), newestFirst(customers.id)).limit(params.limit + 1).offset(params.cursor ? 0 : params.offset),
    db.select({ n: count() }).from(customers).where(and(...base)),
  ]);
  const more = rows.length > params.limit;
  const items = more ? rows.slice(0, params.limit) : rows;
  const last = items.at(-1);
  return { rows: items as CustomerRow[], total: total?.n ?? 0, nextCursor: more && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null };
}

export async function findCustomer(db: Executor, params: { organizationId: string; id: string }) {
  const [row] = await selectCustomers(db).where(and(eq(customers.organizationId, params.organizationId), eq(customers.id, params.id))).limit(1);
  return row ?? null;
}

/** Name, email and phone are indexed with every conversation of the customer: keep them in step. */
export async function refreshCustomerInSearch(tx: Tx, params: { organizationId: string; customer: { id: string; name: string | null; email: string | null; phone: string | null } }) {
  await tx
    .update(conversations)
    .set({ searchVector: withCustomer(params.customer) })
    .where(and(eq(conversations.organizationId, params.organizationId), eq(conversations.customerId, params.customer.id)));
}

/** Throws the driver's unique violation when the email or phone belongs to another customer. */
export async function updateCustomer(tx: Tx, params: {
  organizationId: string;
  id: string;
  set: { name?: string | null; email?: string | null; phone?: string | null; language?: string | null; metadata?: Record<string, unknown> };
}) {
  const [row] = await tx
    .update(customers)
    // A name an agent types is a real one: it is never replaced by a name the visitor gives later.
    .set({ ...params.set, ...(params.set.name !== undefined ? { nameGenerated: false } : {}), updatedAt: new Date() })
    .where(and(eq(customers.organizationId, params.organizationId), eq(customers.id, params.id)))
    .returning(customerColumns);
  if (row && (params.set.name !== undefined || params.set.email !== undefined || params.set.phone !== undefined)) {
    await refreshCustomerInSearch(tx, { organizationId: params.organizationId, customer: row });
  }
  return row ?? null;
}

// ---- de-duplication of the people who write in ---------------------------------------------------

export interface CustomerIdentityInput {
  organizationId: string;
  /** With `externalId`: how the channel knows the person (widget visitorId, PSID, phone number…). */
  channelId?: string;
  externalId?: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  /** A new customer without a name takes this one (a widget visitor's "Blue Otter") and its avatar colour. */
  generated?: { name: string; color: string };
}

const normalizeEmail = (s: string | null | undefined) => s?.trim().toLowerCase() || null;
const normalizePhone = (s: string | null | undefined) => s?.replace(/[\s().-]/g, '') || null;

async function findByIdentity(tx: Tx, p: { organizationId: string; channelId: string; externalId: string }, lock = false) {
  const query = tx
    .select(customerColumns)
    .from(customerIdentities)
    .innerJoin(customers, eq(customers.id, customerIdentities.customerId))
    .where(and(
      eq(customerIdentities.organizationId, p.organizationId),
      eq(customerIdentities.channelId, p.channelId),
      eq(customerIdentities.externalId, p.externalId),
    ))
    .limit(1);
  const [row] = lock ? await query.for('update', { of: customers }) : await query;
  return row ?? null;
}

async function findByContact(tx: Tx, p: { organizationId: string; email: string | null; phone: string | null }) {
  const match = async (column: typeof customers.email | typeof customers.phone, value: string) =>
    (await selectCustomers(tx).where(and(eq(customers.organizationId, p.organizationId), eq(column, value))).limit(1))[0] ?? null;
  return (p.email ? await match(customers.email, p.email) : null) ?? (p.phone ? await match(customers.phone, p.phone) : null);
}

/** Fills what the record lacks (a widget visitor who later gives a name and email); never overwrites. */
async function fillBlanks(tx: Tx, organizationId: string, c: CustomerRow, p: { name: string | null; email: string | null; phone: string | null }) {
  const set: { name?: string; nameGenerated?: boolean; email?: string; phone?: string } = {};
  // A generated name ("Blue Otter") gives way to the first real one.
  if ((!c.name || c.nameGenerated) && p.name) Object.assign(set, { name: p.name, nameGenerated: false });
  // An email or phone already on another customer stays there: merging people is an agent's decision.
  if (!c.email && p.email && !(await findByContact(tx, { organizationId, email: p.email, phone: null }))) set.email = p.email;
  if (!c.phone && p.phone && !(await findByContact(tx, { organizationId, email: null, phone: p.phone }))) set.phone = p.phone;
  if (!Object.keys(set).length) return c;
  try {
    // A savepoint: losing a race for the email/phone must not abort the caller's transaction.
    return await tx.transaction(async (sp) => {
      const [row] = await sp.update(customers).set({ ...set, updatedAt: new Date() })
        .where(and(eq(customers.organizationId, organizationId), eq(customers.id, c.id))).returning(customerColumns);
      await refreshCustomerInSearch(sp, { organizationId, customer: row! });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return c;
    throw err;
  }
}

class IdentityTaken extends Error {}

/**
 * The organization's customer for this person — found by channel identity, then email, then phone —
 * or a new one; the channel identity is linked either way. Safe under concurrency: the unique indexes
 * decide, and the loser of a race re-reads the winner's row.
 *
 * `lock`: the customer's row stays locked for the rest of the transaction (inbound work is serialised per
 * customer, e.g. two first messages racing to open a conversation). A known identity — every message after a
 * customer's first — is found and locked in one statement.
 */
export async function upsertCustomer(tx: Tx, input: CustomerIdentityInput, opts: { lock?: boolean } = {}): Promise<CustomerRow> {
  const { organizationId, channelId, externalId } = input;
  const contact = { name: input.name?.trim() || null, email: normalizeEmail(input.email), phone: normalizePhone(input.phone) };
  const identity = channelId && externalId ? { organizationId, channelId, externalId } : null;

  if (identity) {
    const known = await findByIdentity(tx, identity, opts.lock);
    if (known) return fillBlanks(tx, organizationId, known, contact);
  }
  const customer = await findOrCreate(tx, input, contact, identity);
  if (opts.lock) await lockCustomer(tx, { organizationId, id: customer.id });
  return customer;
}

async function findOrCreate(
  tx: Tx,
  input: CustomerIdentityInput,
  contact: { name: string | null; email: string | null; phone: string | null },
  identity: { organizationId: string; channelId: string; externalId: string } | null,
): Promise<CustomerRow> {
  const { organizationId } = input;
  const existing = await findByContact(tx, { organizationId, ...contact });
  const found = existing ? await fillBlanks(tx, organizationId, existing, contact) : null;
  if (!identity && found) return found;

  try {
    return await tx.transaction(async (sp) => {
      const customer = found ?? (await insertCustomer(sp, organizationId, contact, input.generated));
      if (identity) {
        const linked = await sp.insert(customerIdentities).values({ ...identity, customerId: customer.id }).onConflictDoNothing().returning({ id: customerIdentities.id });
        // Someone linked this identity first: undo our insert and use theirs.
        if (!linked.length) throw new IdentityTaken();
      }
      return customer;
    });
  } catch (err) {
    if (err instanceof IdentityTaken && identity) return (await findByIdentity(tx, identity))!;
    throw err;
  }
}

async function insertCustomer(tx: Tx, organizationId: string, contact: { name: string | null; email: string | null; phone: string | null }, generated?: { name: string; color: string }) {
  const named = !contact.name && generated ? { name: generated.name, nameGenerated: true } : {};
  const [row] = await tx.insert(customers).values({ organizationId, ...contact, ...named, color: generated?.color ?? null }).onConflictDoNothing().returning(customerColumns);
  if (row) return row;
  // The email or phone was inserted concurrently: that row is the customer.
  const winner = await findByContact(tx, { organizationId, ...contact });
  if (!winner) throw new Error('customer insert conflicted but no matching customer was found');
  return winner;
}

/** Serialises inbound work per customer (e.g. two first messages racing to open a conversation). */
export async function lockCustomer(tx: Tx, params: { organizationId: string; id: string }) {
  await tx.select({ id: customers.id }).from(customers)
    .where(and(eq(customers.organizationId, params.organizationId), eq(customers.id, params.id))).for('update');
}
