import type { VisitorSockets } from '../../widget/visitor-sockets.ts';
import type { DeliveryAdapter } from './types.ts';
import { createWebsiteChatAdapter } from './website-chat.ts';

export type { ChannelType, DeliveryAdapter, DeliveryContext, DeliveryResult } from './types.ts';

/** The adapters shipped with the app. A channel type without one fails its messages with a clear error. */
export function builtInAdapters(deps: { visitorSockets: VisitorSockets }): DeliveryAdapter[] {
  return [createWebsiteChatAdapter(deps)];
}
