/**
 * `pnpm bench:seed`: fills PostgreSQL with one large organization — 100k conversations, 1M messages,
 * 50k customers, six agents, every channel type — plus two noise organizations, entirely server-side
 * (INSERT … SELECT over generate_series), so it takes a minute or two rather than hours.
 *
 * Message text is drawn from a Zipf-distributed vocabulary (bench/vocabulary.ts: 24,000 words in five
 * languages; the word of rank r appears with probability ∝ 1/r), plus customer names, order numbers and
 * e-mail addresses, so search meets both very common and very rare terms. Two words are planted at known
 * rates for the search targets: SEARCH_PLANTED in 30 % of conversations, RARE_WORD in 0.05 %.
 * Conversations cover all four statuses, every channel type, six assignees and unassigned, unread and
 * read, with notes on some. The large organization's admin is BENCH_EMAIL / BENCH_PASSWORD.
 *
 * Env: BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/helpstack_bench),
 * BENCH_CONVERSATIONS (100000), BENCH_MESSAGES_PER_CONVERSATION (10); BENCH_PGLITE_DIR=<dir> seeds an
 * embedded database there instead (to check the plans on PGlite: bench/explain.ts).
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Db } from '../src/db/client.ts';
import { signup } from '../src/modules/auth/service.ts';
import { DEFAULT_DATABASE_URL, ensureDatabase } from './server.ts';
import { BENCH_EMAIL, BENCH_PASSWORD, RARE_EVERY, RARE_WORD, SEARCH_PLANTED, SEARCH_SHARE, SEARCH_WORD } from './seed-identity.ts';
import { FIRST_NAMES, LAST_NAMES, vocabulary } from './vocabulary.ts';

const AGENTS = 5;
const CHANNEL_TYPES = ['WEBSITE_CHAT', 'EMAIL', 'WHATSAPP', 'FACEBOOK', 'INSTAGRAM', 'TELEGRAM'];
const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v}"`).join(',')}}`}::text[]`;

async function seedOrganization(db: Db, opts: { name: string; email: string; password: string; conversations: number; perConversation: number }) {
  const started = performance.now();
  const ctx = await signup(db, { email: opts.email, password: opts.password, name: 'Bench Admin', organizationName: opts.name }, { tokens: 1_000_000 });
  const org = ctx.organizationId;
  const n = opts.conversations;
  const customersN = Math.max(1, Math.floor(n / 2));
  const vocab = vocabulary();
  const domain = opts.email.split('@')[1]!;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(0.42)`);
    await tx.execute(sql`
      insert into users (id, email, name, password_hash)
      select ${org} || '-ag-' || g, 'agent' || g || '-' || ${org} || '@' || ${domain}, 'Agent ' || g, 'bench-no-login'
      from generate_series(1, ${AGENTS}) g`);
    await tx.execute(sql`
      insert into memberships (id, organization_id, user_id, role)
      select ${org} || '-mb-' || g, ${org}, ${org} || '-ag-' || g, 'AGENT' from generate_series(1, ${AGENTS}) g`);
    await tx.execute(sql`
      insert into channels (id, organization_id, type, name, credentials)
      select ${org} || '-ch-' || g, ${org}, (${textArray(CHANNEL_TYPES)})[g]::channel_type, 'Bench channel ' || g, 'bench'
      from generate_series(1, ${CHANNEL_TYPES.length}) g`);
    await tx.execute(sql`
      insert into customers (id, organization_id, name, email, created_at, updated_at)
      select ${org} || '-cu-' || g, ${org}, f.name || ' ' || l.name,
        lower(f.ascii || '.' || l.ascii || g) || '@example-' || (g % 97) || '.com', now(), now()
      from generate_series(1, ${customersN}) g,
        lateral (select n as name, translate(n, 'éÉčČšŠžŽüÜíá', 'eEcCsSzZuUia') as ascii from (select (${textArray(FIRST_NAMES)})[1 + g % ${FIRST_NAMES.length}] n) x) f,
        lateral (select n as name, translate(n, 'éÉčČšŠžŽüÜíá', 'eEcCsSzZuUia') as ascii from (select (${textArray(LAST_NAMES)})[1 + (g / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}] n) x) l`);
    // Message texts first (a temporary table), so each conversation's search vector, preview and the
    // messages themselves come from the same text. exp(random() * ln(V + 1)) is log-uniform: rank r is
    // drawn with probability ln((r+1)/r) / ln(V+1) ≈ 1 / (r ln V), Zipf's law with s = 1.
    await tx.execute(sql`create temporary table bench_text (g int, k int, content text) on commit drop`);
    await tx.execute(sql`
      insert into bench_text
      select g, k, concat_ws(' ',
          case when k = 1 and g % 100 < ${Math.round(SEARCH_SHARE * 100)} then ${SEARCH_PLANTED} end,
          (select string_agg(v.w[least(${vocab.length}, floor(exp(random() * ln(${vocab.length} + 1)))::int)], ' ' order by i)
             from generate_series(1, 3 + (g * 7 + k * 13) % 10) i),
          case when random() < 0.06 then 'order #A-' || (100000 + (g * 31 + k) % 900000) end,
          case when random() < 0.03 then 'mail me at ' || lower(translate((${textArray(FIRST_NAMES)})[1 + (g + k) % ${FIRST_NAMES.length}], 'éÉčČšŠžŽíá', 'eEcCsSzZia')) || (g % 1000) || '@mailbox-' || (k * 13 % 50) || '.net' end,
          case when random() < 0.05 then 'ask ' || (${textArray(FIRST_NAMES)})[1 + (g * k) % ${FIRST_NAMES.length}] end,
          case when k = 2 and g % ${RARE_EVERY} = 7 then ${RARE_WORD} end)
      from generate_series(1, ${n}) g cross join generate_series(1, ${opts.perConversation}) k,
        (select ${textArray(vocab)} as w) v`);
    await tx.execute(sql`create index on bench_text (g, k)`);
    const searchable = (text: ReturnType<typeof sql>) => sql`regexp_replace(${text}, '[.@#:,;!?()/+-]+', ' ', 'g')`;
    await tx.execute(sql`
      insert into conversations (id, organization_id, channel_id, customer_id, subject, status, priority, language,
        assigned_to_id, notes, unread_count, last_message_at, last_message_preview, search_vector, created_at, updated_at)
      select ${org} || '-cv-' || lpad(t.g::text, 8, '0'), ${org},
        ${org} || '-ch-' || (1 + (t.g * 5) % ${CHANNEL_TYPES.length}),
        ${org} || '-cu-' || (1 + t.g % ${customersN}),
        s.subject,
        (array['OPEN','OPEN','OPEN','PENDING','PENDING','CLOSED','CLOSED','CLOSED','CLOSED','ARCHIVED','OPEN','CLOSED','ARCHIVED']::conversation_status[])[1 + (t.g * 7) % 13],
        (array['LOW','MEDIUM','MEDIUM','HIGH','URGENT']::priority[])[1 + t.g % 5],
        (array['en','en','de','fr','sl','es']::text[])[1 + t.g % 6],
        case when t.g % 4 = 0 then null when t.g % 4 = 1 then ${ctx.user.id} else ${org} || '-ag-' || (1 + t.g % ${AGENTS}) end,
        case when t.g % 20 = 0 then 'Called back; ' || s.subject end,
        case when t.g % 3 = 0 then 1 + t.g % 4 else 0 end,
        now() - make_interval(secs => (${n} - t.g) * 37),
        left(t.last, 200),
        setweight(to_tsvector('simple', ${searchable(sql`s.subject`)}), 'A') ||
          setweight(to_tsvector('simple', ${searchable(sql`cu.name || ' ' || cu.email`)}), 'B') ||
          setweight(to_tsvector('simple', ${searchable(sql`t.body`)}), 'D'),
        now() - make_interval(secs => (${n} - t.g) * 37 + 3600),
        now() - make_interval(secs => (${n} - t.g) * 37)
      from (select g, string_agg(content, ' ' order by k) body, (array_agg(content order by k desc))[1] last from bench_text group by g) t
        join customers cu on cu.id = ${org} || '-cu-' || (1 + t.g % ${customersN}),
        lateral (select 'Help with ' || split_part((select content from bench_text b where b.g = t.g and b.k = 1), ' ', 1 + t.g % 3) as subject) s`);
    await tx.execute(sql`
      insert into messages (id, organization_id, conversation_id, direction, sender_type, content, status, approved, created_at)
      select ${org} || '-m-' || lpad(g::text, 8, '0') || '-' || lpad(k::text, 4, '0'), ${org}, ${org} || '-cv-' || lpad(g::text, 8, '0'),
        (case when k % 2 = 1 then 'INBOUND' else 'OUTBOUND' end)::message_direction,
        (case when k % 2 = 1 then 'CUSTOMER' else 'AGENT' end)::sender_type,
        content, 'DELIVERED', true,
        now() - make_interval(secs => (${n} - g) * 37 + (${opts.perConversation} - k) * 3)
      from bench_text`);
  });
  console.log(`  ${opts.name}: ${n} conversations, ${n * opts.perConversation} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return org;
}

const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const conversations = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const perConversation = Number(process.env.BENCH_MESSAGES_PER_CONVERSATION ?? 10);
const pgliteDir = process.env.BENCH_PGLITE_DIR;
if (!pgliteDir) await ensureDatabase(url);
const config = loadConfig({ ...process.env, DATABASE_URL: url });
const database = pgliteDir ? await openDatabase({ dataDir: pgliteDir }) : await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await database.migrate();
const db = database.db;
const started = performance.now();
console.log(`seeding ${pgliteDir ? `PGlite ${pgliteDir}` : url.replace(/\/\/[^@]*@/, '//')}`);
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
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s; log in as ${BENCH_EMAIL} / ${BENCH_PASSWORD}; search words: ${SEARCH_WORD} (~${SEARCH_SHARE * 100} %), ${RARE_WORD} (1 in ${RARE_EVERY})`);
await database.close();
