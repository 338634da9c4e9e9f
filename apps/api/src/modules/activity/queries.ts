import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';

/** Display names by user id (users removed since are simply absent). */
export async function userNames(db: Executor, params: { ids: string[] }) {
  if (!params.ids.length) return new Map<string, string>();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, params.ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
