import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** OpenAPI 3.1 generated from the zod route schemas; /docs renders it with Scalar. */
export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'HelpStack API',
        version: '1.0.0',
        description:
          'REST API of HelpStack. Dashboard routes authenticate with the `helpstack_session` cookie (replay it with curl `-c jar` / `-b jar`); widget and webhook routes are public.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'helpstack_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());
  await app.register(scalar, {
    routePrefix: '/docs',
    configuration: { url: '/api/openapi.json', title: 'HelpStack API' },
    logLevel: 'warn',
  });
}, { name: 'swagger' });
