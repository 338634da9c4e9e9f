import type { ChannelCredentials, ChannelType } from '@helpstack/contracts';
import type { Config } from '../../../config.ts';

/** Where the providers' APIs are (CONTRACT §7); tests point them at a local fake. */
export type ProviderUrls = Pick<Config, 'META_GRAPH_URL' | 'TELEGRAM_API_URL'>;

/**
 * How a channel type proves that its credentials own the provider account they name (CONTRACT §10
 * "Who owns an account id"), and which account that is.
 */
export interface AccountOwnership<T extends ChannelType> {
  /** How the account is named in messages: "Facebook page". */
  label: string;
  /** The credential a refused check is reported on (`credentials.<field>`). */
  tokenField: keyof ChannelCredentials[T] & string;
  /** The account id, unique per type across the installation. */
  accountIdOf(credentials: ChannelCredentials[T]): string;
  /** Resolves when the provider confirms the token owns the account; ValidationError / UpstreamError otherwise. */
  verify(urls: ProviderUrls, credentials: ChannelCredentials[T]): Promise<void>;
}
