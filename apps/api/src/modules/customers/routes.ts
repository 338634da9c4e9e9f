import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

// Routes of /api/customers — filled in by the inbox-core work.
const customersRoutes: FastifyPluginAsyncZod = async () => {};

export default customersRoutes;
