import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import { isForbiddenAddress, literalAddress } from './address.ts';
import { isAllowed, type AllowList } from './allow-list.ts';
import { OutboundError } from './errors.ts';
import { checkUrl, portOf } from './url.ts';

export interface GuardedFetchOptions {
  allow: AllowList;
  /** The whole call, connect to last body byte. */
  timeoutMs?: number;
  /** Larger bodies are cut off and the call fails, or with `truncate` the first `maxBytes` are the body. */
  maxBytes?: number;
  /** Keep the first `maxBytes` of a larger body instead of failing (agent tools read up to 64 KB). */
  truncate?: boolean;
  /** Name resolution; tests substitute it. */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

export type GuardedFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

const defaultResolve = (host: string) => dnsLookup(host, { all: true, verbatim: true });

/** The address to connect to: resolved now, every answer checked, so a name cannot hide one bad record. */
async function checkedAddress(url: URL, opts: GuardedFetchOptions): Promise<LookupAddress> {
  const host = url.hostname;
  const port = portOf(url);
  const literal = literalAddress(host);
  const answers = literal ? [{ address: literal, family: literal.includes(':') ? 6 : 4 }] : await (opts.resolve ?? defaultResolve)(host.replace(/\.$/, ''));
  if (answers.length === 0) throw new OutboundError('BLOCKED', `${host} does not resolve`);
  for (const answer of answers) {
    if (isForbiddenAddress(answer.address) && !isAllowed(opts.allow, { host, port, address: answer.address })) {
      throw new OutboundError('BLOCKED', `${host}:${port} resolves to an internal address`);
    }
  }
  return answers[0]!;
}

/**
 * The connection goes to the address that was checked, never to a second resolution of the name (which
 * DNS rebinding could point elsewhere). TLS still verifies the certificate against the name.
 */
function pinnedAgent(pinned: LookupAddress) {
  return new Agent({
    connect: {
      lookup: (_hostname, options, callback) => {
        if ((options as { all?: boolean }).all) (callback as (e: null, a: LookupAddress[]) => void)(null, [pinned]);
        else (callback as (e: null, a: string, f: number) => void)(null, pinned.address, pinned.family);
      },
    },
  });
}

async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, truncate: boolean): Promise<Uint8Array | null> {
  if (!body) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      if (truncate) {
        chunks.push(value.subarray(0, value.byteLength - (size - maxBytes)));
        break;
      }
      throw new OutboundError('TOO_LARGE', `the response is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * `fetch` for every call to a user-supplied destination (CONTRACT §8.6): scheme and address checked at
 * call time, the connection pinned to the checked address, no redirects followed, a timeout and a size
 * cap. A refused call sends nothing and rejects with OutboundError. The body is buffered (within the cap)
 * so the connection is released before the caller reads it.
 */
export function createGuardedFetch(opts: GuardedFetchOptions): GuardedFetch {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxBytes = opts.maxBytes ?? 4 * 1024 * 1024;
  return async (input, init = {}) => {
    const checked = checkUrl(String(input), opts.allow);
    if (!checked.ok) throw new OutboundError('BLOCKED', `refused URL: ${checked.reason}`);
    const agent = pinnedAgent(await checkedAddress(checked.url, opts));
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      const res = await undiciFetch(checked.url, {
        method: init.method,
        headers: init.headers as Record<string, string> | undefined,
        body: init.body as string | Uint8Array | undefined,
        signal,
        redirect: 'manual',
        dispatcher: agent,
      });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        throw new OutboundError('REDIRECT', `the server answered a redirect (${res.status}), which is not followed`, res.status);
      }
      const body = await readCapped(res.body as ReadableStream<Uint8Array> | null, maxBytes, Boolean(opts.truncate));
      const nullBody = res.status === 204 || res.status === 205 || res.status === 304;
      return new Response(nullBody ? null : (body as BodyInit | null), { status: res.status, statusText: res.statusText, headers: [...res.headers] });
    } catch (err) {
      if (timeout.aborted && !(err instanceof OutboundError)) throw new OutboundError('TIMEOUT', `no complete answer within ${timeoutMs} ms`);
      throw err;
    } finally {
      agent.destroy().catch(() => {});
    }
  };
}
