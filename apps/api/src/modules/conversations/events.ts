import type { FastifyInstance } from 'fastify';
import type { RealtimeEventType } from '../../plugins/app/events.ts';

/**
 * Publishes after a commit. The change is already stored, so a failing fan-out is logged rather than
 * turned into an error response that would make the client retry (and, for a send, store twice).
 */
export async function publishSafely(app: FastifyInstance, organizationId: string, type: RealtimeEventType, data: object) {
  try {
    await app.events.publish(organizationId, type, data as Record<string, unknown>);
  } catch (err) {
    app.log.error({ err, organizationId, type }, 'publishing a realtime event failed');
  }
}
