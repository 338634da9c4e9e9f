import fp from 'fastify-plugin';
import { ValidationError } from '../../lib/errors.ts';
import { unstorablePaths } from '../../lib/storable-text.ts';
import { FieldErrorsBuilder } from './error-handler.ts';

const MESSAGE = 'Text cannot contain NUL characters or unpaired UTF-16 surrogates';

/**
 * One guard for every route, before any handler or schema sees the input: text PostgreSQL cannot
 * store is a 400 here, never a failed query (500) deep inside a handler. `fields` are keyed like the
 * schema errors: the dotted path inside the part, or the part's name for the part itself.
 */
export default fp(async (app) => {
  app.addHook('preValidation', async (request) => {
    // No route: nothing will be stored, and the answer stays a 404.
    if (request.is404) return;
    const fields = new FieldErrorsBuilder();
    const parts = { params: request.params, query: request.query, body: request.body } as const;
    for (const [part, value] of Object.entries(parts)) {
      for (const path of unstorablePaths(value)) fields.add(path || part, MESSAGE);
    }
    if (fields.size) throw new ValidationError(MESSAGE, fields.toJSON());
  });
}, { name: 'storable-input' });
