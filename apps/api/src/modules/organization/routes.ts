import { okEnvelope, organizationSchema, updateOrganizationBodySchema } from '@helpstack/contracts';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { organizations } from '../../db/schema/index.ts';
import { requireActor } from '../../lib/actor.ts';
import { ok } from '../../lib/route.ts';
import { organizationColumns } from '../auth/queries.ts';
import { toOrganization } from '../auth/serializers.ts';
import { requireSession } from '../../plugins/app/auth.ts';

const tags = ['organization'];

const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: { tags, summary: 'The session\'s organization', response: { 200: okEnvelope(organizationSchema) } },
  }, async (request) => ok(toOrganization(requireSession(request).organization)));

  app.patch('/', {
    schema: { tags, summary: 'Rename, set default language or default AI provider', body: updateOrganizationBodySchema, response: { 200: okEnvelope(organizationSchema) } },
    config: { auth: 'admin' },
  }, async (request) => {
    const [row] = await app.db
      .update(organizations)
      .set({ ...request.body, updatedAt: new Date() })
      .where(eq(organizations.id, requireActor(request).organizationId))
      .returning(organizationColumns);
    return ok(toOrganization(row!));
  });
};

export default organizationRoutes;
