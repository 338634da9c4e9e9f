import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import {
  AppError,
  InternalError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldErrors,
} from '../../lib/errors.ts';

/** Fastify's own error codes that are the client's fault, mapped to our typed errors. */
const FASTIFY_CLIENT_ERRORS: Record<string, () => AppError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => new ValidationError('Malformed JSON body'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new ValidationError('Body cannot be empty when content-type is application/json'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new ValidationError('Invalid content-length'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new PayloadTooLargeError('Request body is too large'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new UnsupportedMediaTypeError(),
  FST_ERR_CTP_INVALID_TYPE: () => new UnsupportedMediaTypeError(),
  FST_REQ_FILE_TOO_LARGE: () => new PayloadTooLargeError('File is too large'),
  FST_FILES_LIMIT: () => new PayloadTooLargeError('Too many files'),
  FST_PARTS_LIMIT: () => new PayloadTooLargeError('Too many parts'),
  FST_INVALID_MULTIPART_CONTENT_TYPE: () => new UnsupportedMediaTypeError('Expected multipart/form-data'),
};

/**
 * busboy (under @fastify/multipart) reports a body that is not the multipart it claims to be with
 * plain Errors, no codes: no boundary, an empty or over-long one, a body that ends mid-part.
 */
const MALFORMED_MULTIPART = /^(Multipart: Boundary not found|Boundary required|The needle cannot .*|Unexpected end of multipart data|(Part|Preamble) terminated early due to unexpected end of multipart data)$/;

export type ValidationContext = 'body' | 'querystring' | 'params' | 'headers';

/** Zod issues → `fields` keyed by the dotted path inside the part that failed (CONTRACT §1). */
export function fieldsFromIssues(
  issues: { path: PropertyKey[]; message: string; code?: string; keys?: string[] }[],
  context: string,
): FieldErrors {
  const fields = new FieldErrorsBuilder();
  const add = (key: string, msg: string) => fields.add(key, msg);
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      const prefix = issue.path.length ? `${issue.path.join('.')}.` : '';
      for (const k of issue.keys) add(prefix + k, 'Unknown field');
      continue;
    }
    add(issue.path.length ? issue.path.map(String).join('.') : context, issue.message);
  }
  return fields.toJSON();
}

/**
 * `fields` keyed by what the client sent: keys such as `constructor` or `__proto__` must become
 * plain entries, not reach Object.prototype.
 */
export class FieldErrorsBuilder {
  readonly #fields = new Map<string, string[]>();
  add(key: string, message: string) {
    const list = this.#fields.get(key);
    if (list) list.push(message);
    else this.#fields.set(key, [message]);
  }
  get size() {
    return this.#fields.size;
  }
  toJSON(): FieldErrors {
    return Object.fromEntries(this.#fields);
  }
}

function toAppError(err: FastifyError, request: FastifyRequest): AppError | undefined {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = err.validationContext ?? 'body';
    const issues = err.validation.map((v) => ({
      path: v.instancePath.split('/').filter(Boolean),
      message: v.message ?? 'Invalid value',
      code: v.keyword,
      keys: (v.params as { keys?: string[] }).keys,
    }));
    const where = context === 'querystring' ? 'query parameters' : context === 'params' ? 'path' : 'request body';
    return new ValidationError(`Invalid ${where}`, fieldsFromIssues(issues, context === 'querystring' ? 'query' : context));
  }
  if (isResponseSerializationError(err as never) && (err as { cause?: unknown }).cause) {
    request.log.error({ err, issues: (err as { cause: { issues: unknown } }).cause.issues }, 'response failed its schema');
    return undefined;
  }
  if (!err.code && MALFORMED_MULTIPART.test(err.message)) return new ValidationError('Malformed multipart body');
  const mapped = err.code ? FASTIFY_CLIENT_ERRORS[err.code] : undefined;
  if (mapped) return mapped();
  if (err.statusCode === 413) return new PayloadTooLargeError();
  if (err.statusCode === 415) return new UnsupportedMediaTypeError();
  // Remaining Fastify 4xx (e.g. bad URL encoding): the client's fault, said plainly.
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 && err.code?.startsWith('FST_')) {
    return new ValidationError(err.message);
  }
  return undefined;
}

export function sendError(reply: FastifyReply, error: AppError) {
  const body = {
    success: false as const,
    error: { message: error.message, code: error.code, ...(error.fields ? { fields: error.fields } : {}) },
  };
  // The envelope is sent as a string so no route's response schema (which describes success) applies.
  return reply.code(error.statusCode).type('application/json; charset=utf-8').serializer((x: unknown) => JSON.stringify(x)).send(body);
}

function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = toAppError(err, request);
  if (known) {
    if (known.statusCode >= 500) request.log.error({ err }, known.message);
    return sendError(reply, known);
  }
  // Detail to the log only; the client sees the masked message.
  request.log.error({ err }, 'unhandled error');
  return sendError(reply, new InternalError());
}

/**
 * Fastify's `frameworkErrors`: the router's own refusals (bad percent-encoding, an over-long path
 * parameter) happen before any route or hook, so they are answered here, the same way as the rest.
 */
export function replyFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
  return handleError(err, request, reply);
}

export default fp(async (app) => {
  app.setErrorHandler(handleError);
}, { name: 'error-handler' });
