import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Routes of /api/media — filled in by the inbox-core work.
const mediaRoutes: FastifyPluginAsyncZod = async () => {};

export default mediaRoutes;
