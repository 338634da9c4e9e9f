import { count } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations } from '../../db/schema/index.ts';
import { newToken } from '../../lib/tokens.ts';
import { signup } from '../auth/service.ts';

export const DEMO_EMAIL = 'admin@demo.helpstack.local';

/** On an empty database: a demo organization and its admin, so a first start has something to log into. */
export async function seedDemo(db: Db, opts: { tokens: number }) {
  const [row] = await db.select({ n: count() }).from(organizations);
  if ((row?.n ?? 0) > 0) return null;
  const password = newToken().slice(0, 16);
  const ctx = await signup(db, { email: DEMO_EMAIL, password, name: 'Demo Admin', organizationName: 'Demo Support' }, opts);
  return { email: DEMO_EMAIL, password, organizationId: ctx.organizationId };
}
