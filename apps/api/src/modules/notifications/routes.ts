import {
  deletePushSubscriptionBodySchema,
  markNotificationsReadBodySchema,
  markNotificationsReadResultSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationPreferencesSchema,
  okEnvelope,
  pushSubscriptionBodySchema,
  pushSubscriptionResultSchema,
  updateNotificationPreferencesBodySchema,
  vapidPublicKeySchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { offsetOf, pageOf } from '../../lib/pagination.ts';
import { ok } from '../../lib/route.ts';
import { countUnread, listNotifications, markRead, toNotification } from './in-app.ts';
import { loadPreferences, updatePreferences } from './preferences.ts';
import { deleteSubscription, upsertSubscription } from './push.ts';
import type { Vapid } from './vapid.ts';

const tags = ['notifications'];

/**
 * The caller's own notification state (CONTRACT §11): preferences, the in-app list, push subscriptions.
 * All of it is the caller's, so every member may change it, VIEWER included.
 */
export function ownNotificationRoutes(vapid: Vapid): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/preferences', {
      schema: { tags, summary: 'The caller\'s notification preferences (defaults filled in)', response: { 200: okEnvelope(notificationPreferencesSchema) } },
    }, async (request) => {
      const { organizationId, userId } = requireActor(request);
      return ok(await loadPreferences(app.db, { organizationId, userId }));
    });

    app.put('/preferences', {
      config: { selfService: true },
      schema: { tags, summary: 'Change the caller\'s preferences: merged per event and per flag; answers the whole object', body: updateNotificationPreferencesBodySchema, response: { 200: okEnvelope(notificationPreferencesSchema) } },
    }, async (request) => {
      const { organizationId, userId } = requireActor(request);
      return ok(await updatePreferences(app.db, { organizationId, userId, patch: request.body }));
    });

    app.get('/', {
      schema: { tags, summary: 'The caller\'s in-app notifications, newest first, with unreadCount', querystring: notificationListQuerySchema, response: { 200: okEnvelope(notificationListSchema) } },
    }, async (request) => {
      const { organizationId, userId } = requireActor(request);
      const { page, pageSize, unread } = request.query;
      const { rows, total, unreadCount } = await listNotifications(app.db, { organizationId, userId, unread, limit: pageSize, offset: offsetOf(request.query) });
      return ok({ ...pageOf(rows.map(toNotification), { page, pageSize, total }), unreadCount });
    });

    app.post('/read', {
      config: { selfService: true },
      schema: { tags, summary: 'Mark the caller\'s notifications read: {ids} or {all: true}', body: markNotificationsReadBodySchema, response: { 200: okEnvelope(markNotificationsReadResultSchema) } },
    }, async (request) => {
      const { organizationId, userId } = requireActor(request);
      const ids = 'all' in request.body ? 'all' : request.body.ids;
      const updated = await markRead(app.db, { organizationId, userId, ids });
      return ok({ updated, unreadCount: await countUnread(app.db, { organizationId, userId }) });
    });

    app.get('/vapid-public-key', {
      schema: { tags, summary: 'The server\'s VAPID public key (applicationServerKey for PushManager.subscribe)', response: { 200: okEnvelope(vapidPublicKeySchema) } },
    }, async () => ok({ publicKey: (await vapid.keys()).publicKey }));

    app.post('/push-subscription', {
      config: { selfService: true },
      schema: { tags, summary: 'Register this browser\'s Web Push subscription (201; the same endpoint again updates it, 200)', body: pushSubscriptionBodySchema, response: { 200: okEnvelope(pushSubscriptionResultSchema), 201: okEnvelope(pushSubscriptionResultSchema) } },
    }, async (request, reply) => {
      const { organizationId, userId } = requireActor(request);
      const checked = app.outbound.checkUrl(request.body.endpoint);
      if (!checked.ok) throw ValidationError.field('endpoint', `endpoint ${checked.reason}`);
      const { id, created } = await upsertSubscription(app.db, { organizationId, userId, body: request.body });
      return reply.code(created ? 201 : 200).send(ok({ id }));
    });

    app.delete('/push-subscription', {
      config: { selfService: true },
      schema: { tags, summary: 'Remove the caller\'s subscription of this endpoint', body: deletePushSubscriptionBodySchema, response: { 200: okEnvelope(pushSubscriptionResultSchema) } },
    }, async (request) => {
      const { organizationId, userId } = requireActor(request);
      const row = await deleteSubscription(app.db, { organizationId, userId, endpoint: request.body.endpoint });
      if (!row) throw new NotFoundError('Push subscription');
      return ok(row);
    });
  };
}
