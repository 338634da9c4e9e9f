import fp from 'fastify-plugin';
import type { AiPort } from './port.ts';
import { createAiPort } from './service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The AI port (modules/ai/port.ts): the one way features call a model. */
    ai: AiPort;
  }
}

export default fp(async (app) => {
  app.decorate('ai', createAiPort(app));
}, { name: 'ai', dependencies: ['db', 'crypto', 'outbound'] });
