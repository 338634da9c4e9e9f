import { serializeMessage } from '../../../messages/serializers.ts';
import type { ChannelProvider } from '../types.ts';

/**
 * The website widget has no provider in between: a reply is DELIVERED when a socket of the visitor (on
 * any instance) took it, and SENT otherwise — stored, and shown at the visitor's next poll or reconnect.
 */
export const deliverToVisitor: NonNullable<ChannelProvider<'WEBSITE_CHAT'>['deliver']> = async ({ message, channel, customerIdentities }, { visitorSockets }) => {
  const pushed = await Promise.all(customerIdentities.map(({ externalId: visitorId }) =>
    visitorSockets.push(channel.id, visitorId, { type: 'message', data: serializeMessage(message, { kind: 'visitor', channelId: channel.id, visitorId }) })));
  return { status: pushed.some(Boolean) ? 'DELIVERED' : 'SENT' };
};
