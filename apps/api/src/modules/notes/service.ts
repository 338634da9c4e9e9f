import type { Message } from '@helpstack/contracts';
import type { FastifyInstance } from 'fastify';
import { authorColumns } from '../../lib/actor.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { findConversation } from '../conversations/queries.ts';
import { toConversation } from '../conversations/serializers.ts';
import { insertMessage } from '../messages/queries.ts';
import { toMessage } from '../messages/serializers.ts';
import { parseMentions } from './mentions.ts';
import { listMemberNames } from './queries.ts';

/**
 * POST /api/conversations/[id]/notes (CONTRACT §12). A note is a message only agents see: stored `private`,
 * SENT from the start and never handed to delivery, so no channel sends it and no tokens are taken; the
 * conversation's preview, order and unread count stay as the customer left them. Mentions are the `@<name>`s
 * of members in the text plus the ids sent explicitly (each must be a member: 400 otherwise).
 */
export async function createNote(app: FastifyInstance, params: {
  organizationId: string;
  userId: string;
  conversationId: string;
  content: string;
  mentions?: string[];
}): Promise<Message> {
  const { organizationId } = params;
  return app.db.transaction(async (tx) => {
    const conversation = await findConversation(tx, { organizationId, id: params.conversationId });
    if (!conversation) throw new NotFoundError('Conversation');
    const members = await listMemberNames(tx, { organizationId });
    const memberIds = new Set(members.map((m) => m.id));
    const strangers = (params.mentions ?? []).filter((id) => !memberIds.has(id));
    if (strangers.length) throw ValidationError.field('mentions', `Not members of this organization: ${strangers.join(', ')}`);
    const mentions = [...new Set([...(params.mentions ?? []), ...parseMentions(params.content, members)])];
    const row = await insertMessage(tx, {
      organizationId,
      conversationId: params.conversationId,
      direction: 'OUTBOUND',
      ...authorColumns({ kind: 'user', userId: params.userId }),
      content: params.content,
      approved: true,
      status: 'SENT',
      private: true,
      mentions,
    });
    const message = toMessage(row);
    await app.events.emit(tx, { organizationId, type: 'message.created', data: message });
    await app.events.emit(tx, { organizationId, type: 'note.created', data: { conversation: toConversation(conversation), message, mentions } });
    return message;
  });
}
