/**
 * Why an outbound call did not happen or was cut short. Not an AppError: each caller decides what its
 * client sees (a provider call answers 502, a tool call logs BLOCKED).
 */
export type OutboundFailure = 'BLOCKED' | 'REDIRECT' | 'TOO_LARGE' | 'TIMEOUT';

export class OutboundError extends Error {
  readonly kind: OutboundFailure;
  /** The HTTP status that ended the call (a REDIRECT's 3xx), when an answer arrived. */
  readonly httpStatus: number | null;
  constructor(kind: OutboundFailure, message: string, httpStatus: number | null = null) {
    super(message);
    this.name = 'OutboundError';
    this.kind = kind;
    this.httpStatus = httpStatus;
  }
}

export const isOutboundError = (err: unknown): err is OutboundError => err instanceof OutboundError;
