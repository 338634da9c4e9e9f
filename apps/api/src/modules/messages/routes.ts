import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Routes of /api/messages — filled in by the inbox-core work.
const messagesRoutes: FastifyPluginAsyncZod = async () => {};

export default messagesRoutes;
