import type { ErrorCode } from '@helpstack/contracts';

export type FieldErrors = Record<string, string[]>;

/** Base of every error the API answers on purpose; the error handler maps it to the envelope. */
export class AppError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  constructor(statusCode: number, code: ErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.fields = fields;
  }
}

export class ValidationError extends AppError {
  constructor(message = 'Invalid input', fields?: FieldErrors) {
    super(400, 'VALIDATION_ERROR', message, fields);
  }
  static field(field: string, message: string) {
    return new ValidationError(message, { [field]: [message] });
  }
}
/** An AI feature was asked for, but neither the channel nor the organization has a provider (CONTRACT §8.1). */
export class AiNotConfiguredError extends AppError {
  constructor(message = 'No AI provider is configured: add one under Settings → AI providers') {
    super(400, 'AI_NOT_CONFIGURED', message);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required') {
    super(401, 'UNAUTHORIZED', message);
  }
}
export class InsufficientTokensError extends AppError {
  constructor(message = 'Your organization is out of tokens') {
    super(402, 'INSUFFICIENT_TOKENS', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this') {
    super(403, 'FORBIDDEN', message);
  }
}
export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, 'NOT_FOUND', `${what} not found`);
  }
}
export class ConflictError extends AppError {
  constructor(message = 'Conflict') {
    super(409, 'CONFLICT', message);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(message = 'Payload too large') {
    super(413, 'PAYLOAD_TOO_LARGE', message);
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(message = 'Unsupported media type') {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message);
  }
}
export class RateLimitedError extends AppError {
  constructor(message = 'Too many requests, please slow down') {
    super(429, 'RATE_LIMITED', message);
  }
}
export class UpstreamError extends AppError {
  constructor(message = 'A third-party service failed') {
    super(502, 'UPSTREAM_ERROR', message);
  }
}
export class InternalError extends AppError {
  constructor() {
    super(500, 'INTERNAL_ERROR', 'An unexpected error occurred');
  }
}

/** SQLSTATE of a driver error; drizzle wraps it in DrizzleQueryError.cause on both pg and PGlite. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}
export const isUniqueViolation = (err: unknown) => sqlState(err) === '23505';
