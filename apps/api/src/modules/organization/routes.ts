import { aiUsageQuerySchema, aiUsageReportSchema, okEnvelope, organizationSchema, updateOrganizationBodySchema } from '@helpstack/contracts';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { organizations } from '../../db/schema/index.ts';
import { requireActor } from '../../lib/actor.ts';
import { UnauthorizedError, ValidationError } from '../../lib/errors.ts';
import { ok } from '../../lib/route.ts';
import { findProvider } from '../ai-providers/queries.ts';
import { reportStart, usageReport } from '../ai/usage.ts';
import { organizationColumns } from '../auth/queries.ts';
import { toOrganization } from '../auth/serializers.ts';

const tags = ['organization'];

const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: { tags, summary: 'The session\'s organization', response: { 200: okEnvelope(organizationSchema) } },
  }, async (request) => {
    // Read fresh, not from the (cached) session: tokenBalance changes with every reply and AI call.
    const [row] = await app.db.select(organizationColumns).from(organizations).where(eq(organizations.id, requireActor(request).organizationId));
    if (!row) throw new UnauthorizedError();
    return ok(toOrganization(row));
  });

  app.patch('/', {
    schema: { tags, summary: 'Rename, set default language or default AI provider', body: updateOrganizationBodySchema, response: { 200: okEnvelope(organizationSchema) } },
    config: { auth: 'admin' },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const providerId = request.body.defaultAiProviderId;
    // The same default `isDefault` sets on /api/ai-providers: it must be one of the organization's providers.
    if (providerId && !(await findProvider(app.db, { organizationId, id: providerId }))) {
      throw ValidationError.field('defaultAiProviderId', 'No such AI provider in your organization');
    }
    const [row] = await app.db
      .update(organizations)
      .set({ ...request.body, updatedAt: new Date() })
      .where(eq(organizations.id, organizationId))
      .returning(organizationColumns);
    await app.sessionCache.invalidate({ organizationId });
    return ok(toOrganization(row!));
  });

  app.get('/ai-usage', {
    schema: {
      tags,
      summary: 'AI usage per UTC day and feature over the last `days` days (calls, model tokens, plan tokens)',
      querystring: aiUsageQuerySchema,
      response: { 200: okEnvelope(aiUsageReportSchema) },
    },
  }, async (request) => {
    const since = reportStart(request.query.days);
    const items = await usageReport(app.db, { organizationId: requireActor(request).organizationId, since });
    return ok({ days: request.query.days, since: since.toISOString(), items });
  });
};

export default organizationRoutes;
