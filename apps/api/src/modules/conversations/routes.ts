import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Routes of /api/conversations — filled in by the inbox-core work.
const conversationsRoutes: FastifyPluginAsyncZod = async () => {};

export default conversationsRoutes;
