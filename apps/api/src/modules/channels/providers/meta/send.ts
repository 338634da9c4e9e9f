import { PermanentDeliveryError } from '../../delivery/errors.ts';
import { PROVIDER_TIMEOUT_MS } from '../http.ts';

/** Graph error codes that mean "try later" (throttling, temporary outage). */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);

export interface GraphError {
  message?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
}

/** Turns a Graph refusal into the reason an agent reads; known codes get a plain sentence. */
export type DescribeGraphError = (error: GraphError) => string | undefined;

/**
 * POSTs a send request to the Graph API with the channel's token as bearer. Transient answers (5xx, 429,
 * `is_transient`, throttling codes, timeouts) throw a plain Error so the delivery queue retries; any other
 * refusal is permanent, with Meta's message (or `describe`'s) as the reason.
 */
export async function graphSend(url: string, accessToken: string, body: unknown, signal: AbortSignal, describe: DescribeGraphError = () => undefined) {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.any([signal, AbortSignal.timeout(PROVIDER_TIMEOUT_MS)]),
      redirect: 'error',
    });
  } catch {
    // The URL holds no secret here, but the cause may: name only the provider.
    throw new Error('The Meta Graph API could not be reached');
  }
  const answer = (await res.json().catch(() => undefined)) as ({ error?: GraphError } & Record<string, unknown>) | undefined;
  if (res.ok && answer && !answer.error) return answer;
  const error = answer?.error ?? {};
  const transient = res.status >= 500 || res.status === 429 || error.is_transient === true
    || (typeof error.code === 'number' && TRANSIENT_CODES.has(error.code));
  const reason = describe(error) ?? `Meta refused the message: ${error.message ?? `HTTP ${res.status}`}`;
  if (transient) throw new Error(`Meta is temporarily unavailable (${error.message ?? `HTTP ${res.status}`})`);
  throw new PermanentDeliveryError(reason);
}
