import type { ChannelCredentials, ChannelType } from '@helpstack/contracts';
import { providerOf } from './index.ts';
import type { ProviderUrls } from './ownership-types.ts';

export type { ProviderUrls } from './ownership-types.ts';

/** The provider's ownership check; undefined for types bound to no account (EMAIL, WEBSITE_CHAT). */
const checkOf = <T extends ChannelType>(type: T) => providerOf(type).ownership;

export const accountLabelOf = (type: ChannelType) => checkOf(type)?.label ?? 'account';

/** The provider account these credentials name, or null for types without one. */
export function accountIdOf<T extends ChannelType>(type: T, credentials: ChannelCredentials[T]): string | null {
  return checkOf(type)?.accountIdOf(credentials) ?? null;
}

/** Whether a credentials change touches what was verified (the account or its token), so it must be checked again. */
export function ownershipChanged<T extends ChannelType>(type: T, before: ChannelCredentials[T], after: ChannelCredentials[T]) {
  const check = checkOf(type);
  if (!check) return false;
  return check.accountIdOf(before) !== check.accountIdOf(after) || before[check.tokenField] !== after[check.tokenField];
}

/** Asks the provider whether the credentials own their account; a no-op for types without one. */
export async function verifyOwnership<T extends ChannelType>(urls: ProviderUrls, type: T, credentials: ChannelCredentials[T]) {
  await checkOf(type)?.verify(urls, credentials);
}
