import type { ChannelType } from '@helpstack/contracts';
import { email } from './email/index.ts';
import { facebook } from './facebook/index.ts';
import { instagram } from './instagram/index.ts';
import type { AnyChannelProvider, ChannelProvider } from './types.ts';
import { telegram } from './telegram/index.ts';
import { websiteChat } from './website-chat/index.ts';
import { whatsapp } from './whatsapp/index.ts';

/** Every channel type's provider. Adding a channel type = its folder + one line here. */
export const providers: readonly AnyChannelProvider[] = [email, facebook, instagram, whatsapp, telegram, websiteChat];

const byType = new Map<ChannelType, AnyChannelProvider>(providers.map((p) => [p.type, p]));

export function providerOf<T extends ChannelType>(type: T): ChannelProvider<T> {
  const provider = byType.get(type);
  if (!provider) throw new Error(`No channel provider for ${type}`);
  return provider as unknown as ChannelProvider<T>;
}
