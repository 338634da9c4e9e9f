/**
 * `pnpm bench:seed`: fills PostgreSQL with one large organization — 100k conversations, 1M messages,
 * 50k customers — plus two noise organizations, entirely server-side (INSERT … SELECT over
 * generate_series), so it takes seconds rather than minutes. The large organization's admin is
 * BENCH_EMAIL / BENCH_PASSWORD, which `pnpm bench` logs in as.
 *
 * Env: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/helpstack_bench),
 * BENCH_CONVERSATIONS (100000), BENCH_MESSAGES_PER_CONVERSATION (10).
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/client.ts';
import { signup } from '../src/modules/auth/service.ts';
import { DEFAULT_DATABASE_URL, ensureDatabase } from './server.ts';
import { BENCH_EMAIL, BENCH_PASSWORD, SEARCH_WORD } from './seed-identity.ts';

const WORDS = [
  'refund', 'invoice', 'shipping', 'delivery', 'password', 'account', 'billing', 'upgrade', 'cancel', 'order',
  'tracking', 'broken', 'login', 'discount', 'coupon', 'warranty', 'return', 'exchange', 'payment', 'card',
  'subscription', 'renewal', 'address', 'package', 'damaged', 'missing', 'late', 'urgent', 'thanks', 'hello',
  'question', 'problem', 'error', 'crash', 'mobile', 'desktop', 'browser', 'email', 'phone', 'support',
  'feature', 'request', 'export', 'import', 'integration', 'webhook', 'plan', 'pricing', 'trial', 'team',
];

async function seedOrganization(db: Db, opts: { name: string; email: string; password: string; conversations: number; perConversation: number }) {
  const started = performance.now();
  const ctx = await signup(db, { email: opts.email, password: opts.password, name: 'Bench Admin', organizationName: opts.name }, { tokens: 1_000_000 });
  const org = ctx.organizationId;
  const words = sql.raw(`array[${WORDS.map((w) => `'${w}'`).join(',')}]::text[]`);
  const n = WORDS.length;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into channels (id, organization_id, type, name, credentials)
      select ${org} || '-ch-' || g, ${org}, (array['WEBSITE_CHAT','EMAIL','WHATSAPP']::channel_type[])[g], 'Bench channel ' || g, 'bench'
      from generate_series(1, 3) g`);
    await tx.execute(sql`
      insert into customers (id, organization_id, name, email, created_at, updated_at)
      select ${org} || '-cu-' || g, ${org}, 'Customer ' || g, 'customer' || g || '@' || ${org} || '.example.com', now(), now()
      from generate_series(1, greatest(1, ${opts.conversations} / 2)) g`);
    // Message k of conversation g says three words picked by (g, k), so the search vector of a
    // conversation can be computed from the same expression without reading its messages back.
    await tx.execute(sql`
      insert into conversations (id, organization_id, channel_id, customer_id, subject, status, priority, language,
        unread_count, last_message_at, last_message_preview, search_vector, created_at, updated_at)
      select ${org} || '-cv-' || lpad(g::text, 8, '0'), ${org},
        ${org} || '-ch-' || (1 + g % 3),
        ${org} || '-cu-' || (1 + g % greatest(1, ${opts.conversations} / 2)),
        'Help with ' || (${words})[1 + (g * 7) % ${n}],
        (array['OPEN','OPEN','PENDING','CLOSED','ARCHIVED']::conversation_status[])[1 + g % 5],
        (array['LOW','MEDIUM','HIGH','URGENT']::priority[])[1 + g % 4],
        (array['en','de','fr','sl']::text[])[1 + g % 4],
        case when g % 3 = 0 then 1 + g % 4 else 0 end,
        now() - make_interval(secs => (${opts.conversations} - g) * 37),
        'Message about ' || (${words})[1 + (g * 11) % ${n}],
        to_tsvector('simple', 'Help with ' || (${words})[1 + (g * 7) % ${n}] || ' Customer ' || (1 + g % greatest(1, ${opts.conversations} / 2)) || ' ' ||
          (select string_agg((${words})[1 + (g * 3 + k * 5) % ${n}] || ' ' || (${words})[1 + (g + k * 17) % ${n}] || ' ' || (${words})[1 + (g * k) % ${n}], ' ')
           from generate_series(1, ${opts.perConversation}) k)),
        now() - make_interval(secs => (${opts.conversations} - g) * 37 + 3600),
        now() - make_interval(secs => (${opts.conversations} - g) * 37)
      from generate_series(1, ${opts.conversations}) g`);
    await tx.execute(sql`
      insert into messages (id, organization_id, conversation_id, direction, sender_type, content, status, approved, created_at)
      select ${org} || '-m-' || lpad(g::text, 8, '0') || '-' || lpad(k::text, 4, '0'), ${org}, ${org} || '-cv-' || lpad(g::text, 8, '0'),
        (case when k % 2 = 1 then 'INBOUND' else 'OUTBOUND' end)::message_direction,
        (case when k % 2 = 1 then 'CUSTOMER' else 'AGENT' end)::sender_type,
        (${words})[1 + (g * 3 + k * 5) % ${n}] || ' ' || (${words})[1 + (g + k * 17) % ${n}] || ' ' || (${words})[1 + (g * k) % ${n}],
        'DELIVERED', true,
        now() - make_interval(secs => (${opts.conversations} - g) * 37 + (${opts.perConversation} - k) * 3)
      from generate_series(1, ${opts.conversations}) g cross join generate_series(1, ${opts.perConversation}) k`);
  });
  console.log(`  ${opts.name}: ${opts.conversations} conversations, ${opts.conversations * opts.perConversation} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return org;
}

const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const conversations = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const perConversation = Number(process.env.BENCH_MESSAGES_PER_CONVERSATION ?? 10);
await ensureDatabase(url);
const config = loadConfig({ ...process.env, DATABASE_URL: url });
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();
const db = database.db;
const started = performance.now();
console.log(`seeding ${url.replace(/\/\/[^@]*@/, '//')}`);
// A re-seed replaces the previous bench data instead of piling up organizations.
await db.execute(sql`delete from organizations where id in (select organization_id from memberships m join users u on u.id = m.user_id where u.email like '%@bench-seed.helpstack.test')`);
await db.execute(sql`delete from users where email like '%@bench-seed.helpstack.test'`);
await seedOrganization(db, { name: 'Bench Inbox', email: BENCH_EMAIL, password: BENCH_PASSWORD, conversations, perConversation });
for (const i of [1, 2]) {
  await seedOrganization(db, { name: `Noise ${i}`, email: `noise${i}@bench-seed.helpstack.test`, password: BENCH_PASSWORD, conversations: Math.round(conversations / 10), perConversation });
}
// VACUUM as well as ANALYZE: a bulk-loaded table has an empty visibility map until its first vacuum, so
// PostgreSQL cannot use index-only scans (counts) on it — production has autovacuum to set it, a bench
// server may not (autovacuum off), and the plans measured would not be the plans production runs.
await db.execute(sql`vacuum analyze`);
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s; log in as ${BENCH_EMAIL} / ${BENCH_PASSWORD}; search word: ${SEARCH_WORD}`);
await database.close();
