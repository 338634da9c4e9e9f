import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findConversation } from '../conversations/queries.ts';
import { insertMessage } from '../messages/queries.ts';
import { toMessage } from '../messages/serializers.ts';
import { activityLines } from './lines.ts';
import { userNames } from './queries.ts';

/**
 * Activity lines (CONTRACT §12): each `conversation.changed` becomes private SYSTEM messages in the
 * conversation's timeline ("Ada closed this"), `authorId` the member who acted. They are written once per
 * event (the subscriber's receipt), never delivered, never shown to the visitor, and leave the conversation's
 * preview and unread count alone — they are not customer messages.
 */
const activitySubscriber: FastifyPluginAsyncZod = async (app) => {
  app.events.subscribe('activity', async (event, tx) => {
    if (event.type !== 'conversation.changed') return;
    const { organizationId } = event;
    const { conversation, actorId, changes } = event.data;
    const involved = [actorId, changes.assignedToId?.from, changes.assignedToId?.to].filter((id): id is string => typeof id === 'string');
    // Deleted since: nothing to write the line into (and the insert would fail forever).
    if (!(await findConversation(tx, { organizationId, id: conversation.id }))) return;
    const names = await userNames(tx, { ids: [...new Set(involved)] });
    const at = Date.now();
    const lines = activityLines({ actorId, changes }, (id) => names.get(id));
    for (const [i, content] of lines.entries()) {
      const row = await insertMessage(tx, {
        organizationId,
        conversationId: conversation.id,
        direction: 'OUTBOUND',
        senderType: 'SYSTEM',
        authorId: actorId && names.has(actorId) ? actorId : null,
        content,
        // Lines of one change keep their order in the timeline.
        createdAt: new Date(at + i),
        approved: true,
        status: 'SENT',
        private: true,
      });
      await app.events.emit(tx, { organizationId, type: 'message.created', data: toMessage(row) });
    }
  }, { types: ['conversation.changed'] });
};

export default activitySubscriber;
