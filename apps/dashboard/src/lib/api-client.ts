import type { ErrorCode } from '@helpstack/contracts';

/** `NETWORK_ERROR` is ours: the request never got an answer (offline, server down, aborted). */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR';
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Validation messages keyed by the dotted path of the bad input (CONTRACT §1). */
  readonly fields: FieldErrors;
  /** Seconds from `retry-after` on a 429, when the server sent it. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    message: string;
    fields?: FieldErrors | undefined;
    retryAfter?: number | undefined;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.retryAfter = init.retryAfter;
  }
}

// Used only when a response is not the error envelope (a proxy's HTML 502, say).
const codeByStatus: Record<number, ErrorCode> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  402: 'INSUFFICIENT_TOKENS',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  502: 'UPSTREAM_ERROR',
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal | undefined;
};

export type ApiClientOptions = {
  /** Prefix for every path; empty in the browser, where the API shares the SPA's origin. */
  baseUrl?: string;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function toApiError(status: number, body: unknown, retryAfter: number | undefined): ApiError {
  const error = isRecord(body) && body.success === false && isRecord(body.error) ? body.error : null;
  if (error && typeof error.message === 'string' && typeof error.code === 'string') {
    return new ApiError({
      status,
      code: error.code as ErrorCode,
      message: error.message,
      fields: isRecord(error.fields) ? (error.fields as FieldErrors) : undefined,
      retryAfter,
    });
  }
  return new ApiError({
    status,
    code: codeByStatus[status] ?? 'INTERNAL_ERROR',
    message: status >= 200 && status < 300 ? 'Unexpected response from the server' : `Request failed (${status})`,
    retryAfter,
  });
}

function buildUrl(baseUrl: string, path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

/** The envelope's data of a response, or the ApiError it stands for (shared with the XHR upload). */
export function parseResponse<T>(status: number, text: string, retryAfterHeader: string | null): T {
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: handled below as a response without an envelope.
  }
  const ok = status >= 200 && status < 300;
  if (ok && isRecord(body) && body.success === true) return body.data as T;
  if (ok && body === undefined && status === 204) return undefined as T;

  const seconds = Number(retryAfterHeader);
  const retryAfter = retryAfterHeader !== null && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
  throw toApiError(status, body, retryAfter);
}

export function createApiClient({ baseUrl = '' }: ApiClientOptions = {}) {
  async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // No content-type without a body: Fastify rejects an empty body declared as JSON.
    if (options.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await fetch(buildUrl(baseUrl, path, options.query), {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        credentials: 'same-origin',
        signal: options.signal ?? null,
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Cannot reach the server. Check your connection.' });
    }

    return parseResponse<T>(response.status, await response.text(), response.headers.get('retry-after'));
  }

  return {
    get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
    post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
    put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
    patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
    // Some deletes name what they delete in a body (a push subscription is keyed by its endpoint URL).
    delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

export const api = createApiClient();
