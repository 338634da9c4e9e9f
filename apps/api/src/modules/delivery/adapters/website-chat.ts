import type { VisitorSockets } from '../../../plugins/app/event-bus/visitor-sockets.ts';
import { serializeMessage } from '../../messages/serializers.ts';
import type { DeliveryAdapter } from './types.ts';

/**
 * The website widget has no provider in between: a reply is DELIVERED when a socket of the visitor (on
 * any instance) took it, and SENT otherwise — stored, and shown at the visitor's next poll or reconnect.
 */
export function createWebsiteChatAdapter(deps: { visitorSockets: VisitorSockets }): DeliveryAdapter {
  return {
    type: 'WEBSITE_CHAT',
    async deliver({ message, channel, customerIdentities }) {
      const pushed = await Promise.all(customerIdentities.map(({ externalId: visitorId }) =>
        deps.visitorSockets.push(channel.id, visitorId, { type: 'message', data: serializeMessage(message, { kind: 'visitor', channelId: channel.id, visitorId }) })));
      return { status: pushed.some(Boolean) ? 'DELIVERED' : 'SENT' };
    },
  };
}
