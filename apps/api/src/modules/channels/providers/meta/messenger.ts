import { publicMediaLink } from '../../../media/public-link.ts';
import { PermanentDeliveryError } from '../../delivery/errors.ts';
import type { DeliveryContext, DeliveryResult, ProviderServices } from '../types.ts';
import { graphSend, type GraphError } from './send.ts';
import { hoursSinceCustomer } from './window.ts';

/** Meta's standard messaging window, and the HUMAN_AGENT tag's extension of it (Messenger and Instagram). */
const WINDOW_HOURS = 24;
const HUMAN_AGENT_HOURS = 7 * 24;
const OUTSIDE = 'outside Meta\'s messaging window: the customer last wrote more than 7 days ago, so a reply can only follow their next message';

/**
 * Messenger hands a send's `metadata` back in its echo: our message id there tells our own sends (every part
 * of one) from replies written in Meta's inbox. Instagram's Send API documents no metadata, so its echoes
 * are matched by mid only.
 */
const OUR_SEND = 'helpstack:';
export const isOurSend = (metadata: string | undefined) => metadata?.startsWith(OUR_SEND) ?? false;

/** The Send API's attachment type for a file. */
const attachmentType = (mimeType: string) => {
  const kind = mimeType.split('/')[0];
  return kind === 'image' || kind === 'audio' || kind === 'video' ? kind : 'file';
};

const describe = (error: GraphError) =>
  error.code === 10 || error.error_subcode === 2018278 ? `${OUTSIDE} (Meta: ${error.message ?? 'code 10'})` : undefined;

/**
 * A Messenger or Instagram reply through the Send API (`POST /me/messages`). Within 24 h of the
 * customer's last message it is a RESPONSE; up to 7 days a HUMAN_AGENT tagged message; later it fails
 * without calling Meta. Attachments go as signed public media links. Meta's (first) message id becomes the
 * externalId (prefixed like inbound ids).
 */
export function messengerDeliver(provider: 'facebook' | 'instagram') {
  return async (ctx: DeliveryContext, services: ProviderServices): Promise<DeliveryResult> => {
    const { config, db } = services;
    const recipient = ctx.customerIdentity?.externalId;
    if (!recipient) throw new PermanentDeliveryError('The customer has no Messenger/Instagram id on this channel to reply to');
    const hours = await hoursSinceCustomer(db, ctx.conversation.id);
    if (hours > HUMAN_AGENT_HOURS) throw new PermanentDeliveryError(OUTSIDE);
    const kind = hours <= WINDOW_HOURS ? { messaging_type: 'RESPONSE' } : { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
    const { accessToken } = ctx.credentials<{ accessToken: string }>();
    const files = ctx.message.attachments;
    if (files.length > 0 && !config.PUBLIC_URL) throw new PermanentDeliveryError('Attachments to Meta need PUBLIC_URL to be set: Meta fetches them by a public link');
    // One Send API call per part: the text, then each attachment by a signed link Meta fetches.
    const parts = [
      ...(ctx.message.content ? [{ text: ctx.message.content }] : []),
      ...files.map((file) => ({
        attachment: { type: attachmentType(file.mimeType), payload: { url: publicMediaLink(services, { organizationId: ctx.message.organizationId, mediaId: file.id }), is_reusable: false } },
      })),
    ];
    const metadata = provider === 'facebook' ? { metadata: `${OUR_SEND}${ctx.message.id}` } : {};
    let mid: string | undefined;
    for (const part of parts) {
      const message = { ...part, ...metadata };
      const answer = await graphSend(`${config.META_GRAPH_URL}/me/messages`, accessToken, { recipient: { id: recipient }, ...kind, message }, ctx.signal, describe);
      mid ??= typeof answer.message_id === 'string' ? answer.message_id : undefined;
    }
    return { status: 'SENT', externalId: mid ? `${provider}:${mid}` : undefined };
  };
}
