import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Routes of /api/realtime — filled in by the inbox-core work.
const realtimeRoutes: FastifyPluginAsyncZod = async () => {};

export default realtimeRoutes;
