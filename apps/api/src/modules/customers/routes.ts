import {
  conversationSchema,
  customerListQuerySchema,
  customerSchema,
  cursorQuerySchema,
  listOf,
  okEnvelope,
  updateCustomerBodySchema,
} from '@helpstack/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../lib/actor.ts';
import { ConflictError, NotFoundError, isUniqueViolation } from '../../lib/errors.ts';
import { offsetOf, pageOf } from '../../lib/pagination.ts';
import { idParams, ok } from '../../lib/route.ts';
import { decodeCursor } from '../conversations/cursor.ts';
import { listConversations } from '../conversations/queries.ts';
import { toConversation } from '../conversations/serializers.ts';
import * as q from './queries.ts';
import { toCustomer } from './serializers.ts';

const tags = ['customers'];

/** Which unique index refused the change, from the driver error's constraint name. */
function conflictingField(err: unknown) {
  const e = err as { constraint?: string; cause?: { constraint?: string } };
  const constraint = e.cause?.constraint ?? e.constraint ?? '';
  return constraint.includes('phone') ? 'phone number' : constraint.includes('email') ? 'email' : 'email or phone number';
}

const customersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: { tags, summary: 'Customers, newest first; `search` matches name, email or phone', querystring: customerListQuerySchema, response: { 200: okEnvelope(listOf(customerSchema)) } },
  }, async (request) => {
    const query = request.query;
    const result = await q.listCustomers(app.db, {
      organizationId: requireActor(request).organizationId,
      search: query.search || undefined,
      limit: query.pageSize,
      offset: offsetOf(query),
      cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    return ok(pageOf(result.rows.map(toCustomer), { ...query, total: result.total, nextCursor: result.nextCursor }));
  });

  app.get('/:id', {
    schema: { tags, summary: 'One customer', params: idParams, response: { 200: okEnvelope(customerSchema) } },
  }, async (request) => {
    const row = await q.findCustomer(app.db, { organizationId: requireActor(request).organizationId, id: request.params.id });
    if (!row) throw new NotFoundError('Customer');
    return ok(toCustomer(row));
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Update name, email, phone, language or metadata', params: idParams, body: updateCustomerBodySchema, response: { 200: okEnvelope(customerSchema) } },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    try {
      // Raised in the same transaction: other agents' rows and side panels show the new name without reload.
      const row = await app.db.transaction(async (tx) => {
        const updated = await q.updateCustomer(tx, { organizationId, id: request.params.id, set: request.body });
        if (updated) await app.events.emit(tx, { organizationId, type: 'customer.updated', data: toCustomer(updated) });
        return updated;
      });
      if (!row) throw new NotFoundError('Customer');
      return ok(toCustomer(row));
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(`Another customer already has this ${conflictingField(err)}`);
      throw err;
    }
  });

  app.get('/:id/conversations', {
    schema: { tags, summary: 'The customer\'s conversations, newest activity first', params: idParams, querystring: cursorQuerySchema, response: { 200: okEnvelope(listOf(conversationSchema)) } },
  }, async (request) => {
    const organizationId = requireActor(request).organizationId;
    const query = request.query;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (!(await q.findCustomer(app.db, { organizationId, id: request.params.id }))) throw new NotFoundError('Customer');
    const result = await listConversations(app.db, {
      organizationId,
      filters: { customerId: request.params.id },
      query: null,
      limit: query.pageSize,
      offset: offsetOf(query),
      cursor,
    });
    return ok(pageOf(result.rows.map(toConversation), { ...query, total: result.total, nextCursor: result.nextCursor }));
  });
};

export default customersRoutes;
