import { okEnvelope } from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ok } from '../../lib/route.ts';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    schema: { tags: ['health'], summary: 'Liveness with a database ping', response: { 200: okEnvelope(z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'pg']) })) } },
    config: { auth: 'public' },
  }, async () => {
    await app.database.ping();
    return ok({ status: 'ok' as const, database: app.database.driver });
  });
};

export default healthRoutes;
