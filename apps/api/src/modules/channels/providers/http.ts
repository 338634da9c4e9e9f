import { UpstreamError } from '../../../lib/errors.ts';

/** A provider that has not answered by then is reported as unreachable rather than holding the request. */
export const PROVIDER_TIMEOUT_MS = 10_000;

export interface ProviderAnswer {
  status: number;
  /** The parsed JSON body, or undefined when it was not JSON. Never echoed to clients or logs. */
  body: unknown;
}

/**
 * GET `url` from a provider. A network failure or timeout is a 502 naming only the provider: the URL can
 * carry a token (Telegram puts it in the path), so neither it nor the cause reaches the error.
 */
export async function providerGet(provider: string, url: string, headers: Record<string, string> = {}): Promise<ProviderAnswer> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS), redirect: 'error' });
  } catch {
    throw new UpstreamError(`${provider} could not be reached to check the credentials; try again later`);
  }
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body };
}

/** 5xx and rate limits say nothing about the token: the check could not be made. */
export const isUnavailable = (status: number) => status >= 500 || status === 429;
