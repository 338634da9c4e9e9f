import { sql, type SQL } from 'drizzle-orm';
import { conversations } from '../../db/schema/index.ts';

/**
 * Full-text search over conversations (`conversations.search_vector`, GIN-indexed, 'simple' config).
 * The vector has three weighted parts so each can be replaced on its own:
 *   A — the subject, B — the customer's name/email/phone, D — message text.
 * Every text, indexed or searched, goes through `searchableText` first: letters and digits only, so an
 * email or a URL becomes plain words on both sides and no user input ever reaches tsquery syntax.
 */

/** Only the start of each message is indexed: enough to find it, and a paste of a log file stays cheap. */
export const SEARCH_CHARS_PER_MESSAGE = 2000;
/** Distinct words a conversation keeps; past it, new messages are no longer indexed (the vector stays far below tsvector's 1 MB limit). */
export const SEARCH_MAX_LEXEMES = 10_000;
const MAX_QUERY_WORDS = 8;
const MAX_WORD_CHARS = 64;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function searchWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

export function searchableText(...parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).flatMap((p) => searchWords(p!)).join(' ');
}

/** `word1:* & word2:*` from what the user typed, or null when it has no words. */
export function prefixQuery(search: string): string | null {
  const words = [...new Set(searchWords(search).map((w) => w.slice(0, MAX_WORD_CHARS)))].slice(0, MAX_QUERY_WORDS);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

const current = sql`coalesce(${conversations.searchVector}, ''::tsvector)`;
const part = (text: string, weight: 'A' | 'B' | 'D') => sql`setweight(to_tsvector('simple'::regconfig, ${text}::text), ${sql.raw(`'${weight}'`)})`;

export const subjectPart = (subject: string | null | undefined) => part(searchableText(subject), 'A');
export const customerPart = (c: { name?: string | null; email?: string | null; phone?: string | null } | null | undefined) =>
  part(searchableText(c?.name, c?.email, c?.phone), 'B');
export const messagePart = (content: string) => part(searchableText(content.slice(0, SEARCH_CHARS_PER_MESSAGE)), 'D');

/** A new conversation's vector. */
export const initialVector = (subject: string | null | undefined, customer: Parameters<typeof customerPart>[0], content?: string): SQL =>
  content ? sql`${subjectPart(subject)} || ${customerPart(customer)} || ${messagePart(content)}` : sql`${subjectPart(subject)} || ${customerPart(customer)}`;

/** SET expressions for `search_vector` that replace one part and keep the others. */
export const withSubject = (subject: string | null | undefined): SQL =>
  sql`${subjectPart(subject)} || ts_filter(${current}, '{b,d}')`;
export const withCustomer = (customer: Parameters<typeof customerPart>[0]): SQL =>
  sql`ts_filter(${current}, '{a}') || ${customerPart(customer)} || ts_filter(${current}, '{d}')`;
export const withMessage = (content: string): SQL =>
  sql`case when length(${current}) < ${SEARCH_MAX_LEXEMES} then ${current} || ${messagePart(content)} else ${conversations.searchVector} end`;

export const matches = (query: string): SQL => sql`${conversations.searchVector} @@ to_tsquery('simple'::regconfig, ${query}::text)`;
export const rankOf = (query: string) => sql<string>`ts_rank(${conversations.searchVector}, to_tsquery('simple'::regconfig, ${query}::text))`;
