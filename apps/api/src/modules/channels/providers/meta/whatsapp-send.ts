import { PermanentDeliveryError } from '../../delivery/errors.ts';
import type { DeliveryContext, DeliveryResult, ProviderServices } from '../types.ts';
import { graphSend, type GraphError } from './send.ts';
import { hoursSinceCustomer } from './window.ts';

export const WHATSAPP_OUTSIDE_WINDOW = 'outside WhatsApp\'s 24-hour window; a template message is needed';

const describe = (error: GraphError) => (error.code === 131047 ? WHATSAPP_OUTSIDE_WINDOW : undefined);

/**
 * A WhatsApp Cloud API text reply (`POST /{phoneNumberId}/messages`). Free-form text is allowed only
 * within 24 h of the customer's last message; `messages[0].id` (the wamid) is what statuses name later.
 */
export async function whatsappDeliver(ctx: DeliveryContext, { config, db }: ProviderServices): Promise<DeliveryResult> {
  const to = ctx.customerIdentity?.externalId;
  if (!to) throw new PermanentDeliveryError('The customer has no WhatsApp number on this channel to reply to');
  if ((await hoursSinceCustomer(db, ctx.conversation.id)) > 24) throw new PermanentDeliveryError(WHATSAPP_OUTSIDE_WINDOW);
  const { phoneNumberId, accessToken } = ctx.credentials<{ phoneNumberId: string; accessToken: string }>();
  const answer = await graphSend(`${config.META_GRAPH_URL}/${encodeURIComponent(phoneNumberId)}/messages`, accessToken, {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'text',
    text: { body: ctx.message.content },
  }, ctx.signal, describe);
  const id = (answer.messages as { id?: unknown }[] | undefined)?.[0]?.id;
  return { status: 'SENT', externalId: typeof id === 'string' ? `whatsapp:${id}` : undefined };
}
