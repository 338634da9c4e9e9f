import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { organizations } from '../../db/schema/index.ts';

/**
 * The one way plan tokens are taken (CONTRACT §8.5): a single statement whose row lock serialises
 * concurrent takers, so the balance never goes below zero.
 * - `upTo: false` (a sent reply): all of `amount` or nothing; null when the balance is short.
 * - `upTo: true` (an AI call, charged after the fact by its usage): as much of `amount` as there is.
 * Returns the new balance and what was taken; null when nothing matched.
 */
export async function takeTokens(
  db: Executor,
  params: { organizationId: string; amount: number; upTo?: boolean },
): Promise<{ balance: number; taken: number } | null> {
  const { organizationId, amount, upTo = false } = params;
  const result = (await db.execute(sql`
    with locked as (
      select ${organizations.id} as id, least(${organizations.tokenBalance}, ${amount}::int) as take
      from ${organizations} where ${organizations.id} = ${organizationId} for update
    )
    update ${organizations} set token_balance = ${organizations.tokenBalance} - locked.take
    from locked
    where ${organizations.id} = locked.id and (${upTo}::boolean or locked.take = ${amount}::int)
    returning ${organizations.tokenBalance} as balance, locked.take as taken`)) as unknown as { rows: { balance: number; taken: number }[] };
  const row = result.rows[0];
  return row ? { balance: Number(row.balance), taken: Number(row.taken) } : null;
}
