import { APICallError, RetryError } from 'ai';
import { UpstreamError } from '../../lib/errors.ts';
import { isOutboundError, type OutboundFailure } from '../../lib/outbound/index.ts';

const OUTBOUND_REASON: Record<OutboundFailure, string> = {
  BLOCKED: 'its address is refused by the outbound-URL guard',
  REDIRECT: 'it answered with a redirect, which is not followed',
  TOO_LARGE: 'its answer was too large',
  TIMEOUT: 'it did not answer in time',
};

/** Walks wrapped errors (the SDK's RetryError, fetch's cause chain) to the first one that explains. */
function* chain(err: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current && !seen.has(current)) {
    seen.add(current);
    yield current;
    current = RetryError.isInstance(current) ? current.lastError : (current as { cause?: unknown }).cause;
  }
}

/**
 * Why a provider call failed, in words safe to show: a status code or a category, never the upstream
 * message or body (a vendor's 401 body quotes the key).
 */
export function failureReason(err: unknown): { reason: string; status?: number } {
  for (const e of chain(err)) {
    if (isOutboundError(e)) return { reason: OUTBOUND_REASON[e.kind] };
    if (APICallError.isInstance(e) && e.statusCode) {
      const status = e.statusCode;
      if (status === 401 || status === 403) return { reason: `it refused the API key (HTTP ${status})`, status };
      if (status === 429) return { reason: 'it is rate limiting this key (HTTP 429)', status };
      return { reason: `it answered HTTP ${status}`, status };
    }
    if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) return { reason: 'it did not answer in time' };
  }
  return { reason: 'it could not be reached or gave an unusable answer' };
}

export const upstreamErrorFor = (provider: { name: string; type: string }, reason: string) =>
  new UpstreamError(`AI provider "${provider.name}" (${provider.type}) failed: ${reason}`);
