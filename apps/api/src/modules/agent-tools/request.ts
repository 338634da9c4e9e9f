import type { AgentToolSecrets } from '../../db/schema/index.ts';
import type { AgentToolRow } from './queries.ts';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The argument names a URL's `{param}` placeholders use. */
export const placeholdersOf = (url: string) => new Set([...url.matchAll(PLACEHOLDER)].map((m) => m[1]!));

/**
 * Placeholders may sit in the path and query only: an argument the model chooses must never pick the
 * host, port or credentials the request goes to.
 */
export function placeholderInAuthority(url: string): boolean {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '';
  return /[{}]/.test(authority);
}

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The HTTP request of one call (CONTRACT §9): placeholders filled URL-encoded, remaining arguments in the
 * query string for GET/DELETE or as a JSON body, stored headers and the auth secret added last.
 */
export function buildToolRequest(tool: Pick<AgentToolRow, 'method' | 'url' | 'headerNames' | 'authType' | 'authHeaderName'>, secrets: AgentToolSecrets, args: Record<string, unknown>) {
  const used = placeholdersOf(tool.url);
  const url = new URL(tool.url.replace(PLACEHOLDER, (_, name: string) => (args[name] === undefined ? '' : encodeURIComponent(asText(args[name])))));
  const rest = Object.fromEntries(Object.entries(args).filter(([k, v]) => !used.has(k) && v !== undefined));
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const name of tool.headerNames) {
    const value = secrets.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const secret = secrets.authSecret;
  if (secret && tool.authType === 'BEARER') headers.authorization = `Bearer ${secret}`;
  if (secret && tool.authType === 'BASIC') headers.authorization = `Basic ${Buffer.from(secret).toString('base64')}`;
  if (secret && tool.authType === 'HEADER' && tool.authHeaderName) headers[tool.authHeaderName] = secret;
  let body: string | undefined;
  if (tool.method === 'GET' || tool.method === 'DELETE') {
    for (const [k, v] of Object.entries(rest)) url.searchParams.append(k, asText(v));
  } else {
    body = JSON.stringify(rest);
    headers['content-type'] = 'application/json';
  }
  return { url, init: { method: tool.method, headers, body } };
}
