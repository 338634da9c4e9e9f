import type { ChannelCredentials, ChannelType, ConnectionCheck } from '@helpstack/contracts';
import type { Config } from '../../config.ts';
import { UpstreamError, ValidationError } from '../../lib/errors.ts';
import { providerOf } from './providers/index.ts';
import { verifyOwnership } from './providers/ownership.ts';

/** Whether "Check connection" asks anything of a provider for this type (WEBSITE_CHAT has nothing to reach). */
export const isCheckable = (type: ChannelType) => Boolean(providerOf(type).ownership || providerOf(type).checkConnection);

/**
 * "Check connection" (CONTRACT §10): the account check a save runs (Meta `/me`, the phone number, Telegram
 * `getMe`), then the provider's own login (EMAIL: SMTP and IMAP). A refusal or an unreachable provider is an
 * answer here, not an error: the admin reads the reason next to the form.
 */
export async function checkConnection<T extends ChannelType>(config: Config, type: T, credentials: ChannelCredentials[T]): Promise<ConnectionCheck> {
  try {
    await verifyOwnership(config, type, credentials);
    const refused = (await providerOf(type).checkConnection?.(config, credentials)) ?? null;
    return refused ? { ok: false, error: refused } : { ok: true };
  } catch (err) {
    // Both carry messages written for the admin that name no token or internal URL.
    if (err instanceof ValidationError || err instanceof UpstreamError) return { ok: false, error: err.message };
    throw err;
  }
}
