import { UpstreamError, ValidationError } from '../../../../lib/errors.ts';
import { isUnavailable, providerGet, type ProviderAnswer } from '../http.ts';

const TOKEN_FIELD = 'credentials.accessToken';

/** Graph error codes that mean "try later" (throttling, temporary outage), not "this token is refused". */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);

function unavailable(answer: ProviderAnswer) {
  if (isUnavailable(answer.status)) return true;
  const error = (answer.body as { error?: { code?: unknown; is_transient?: unknown } } | undefined)?.error;
  return error?.is_transient === true || (typeof error?.code === 'number' && TRANSIENT_CODES.has(error.code));
}

/** GET a Graph API object with the channel's token as bearer; refused → 400 on the token, unavailable → 502. */
export async function graphGet(graphUrl: string, path: string, accessToken: string, refused: string) {
  const answer = await providerGet('The Meta Graph API', `${graphUrl}${path}`, { authorization: `Bearer ${accessToken}` });
  if (unavailable(answer)) throw new UpstreamError('The Meta Graph API is unavailable; the credentials could not be checked, try again later');
  if (answer.status < 200 || answer.status > 299) throw ValidationError.field(TOKEN_FIELD, refused);
  if (typeof answer.body !== 'object' || answer.body === null) throw new UpstreamError('The Meta Graph API gave an unreadable answer; try again later');
  return answer.body as Record<string, unknown>;
}

/**
 * A page or Instagram account token: `GET /me` answers the account the token belongs to, which must be the
 * one the channel names — a token for one's own page does not connect someone else's.
 */
export async function verifyMe(graphUrl: string, accessToken: string, accountId: string, label: string) {
  const me = await graphGet(graphUrl, '/me?fields=id,name', accessToken, `Meta refused this access token for the ${label}`);
  if (String(me.id) !== accountId) throw ValidationError.field(TOKEN_FIELD, `This access token belongs to another ${label}, not ${accountId}`);
}
