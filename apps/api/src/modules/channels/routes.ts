import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Routes of /api/channels — filled in by the inbox-core work.
const channelsRoutes: FastifyPluginAsyncZod = async () => {};

export default channelsRoutes;
