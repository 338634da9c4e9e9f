import type {
  WidgetConfigResponse,
  WidgetConversationResponse,
  WidgetFaq,
  WidgetMessageResponse,
  WidgetStatusResponse,
  WidgetUploadResponse,
  VisitorContext,
} from './types.ts';

export type IdentifyBody = { visitorId: string; userId: string; name?: string; email?: string; userHash?: string };

/** A refused or failed call: `status` 0 means the network never answered. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Seconds, from `retry-after` on a 429. */
  readonly retryAfter: number | null;
  constructor(message: string, status: number, code: string, retryAfter: number | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
  /** Retrying later may succeed (network, 429, 5xx); a 4xx about the request itself will not. */
  get retryable() {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export type MessageBody = {
  channelId: string;
  visitorId: string;
  content: string;
  clientMessageId: string;
  attachments?: string[];
  name?: string;
  email?: string;
  context?: VisitorContext;
};

type Fetch = typeof fetch;

/** The public widget API: JSON envelopes `{success, data}` / `{success, error: {message, code}}`. */
export function createApiClient(base: string, channelId: string, fetchImpl: Fetch = (...a) => fetch(...a)) {
  const ch = encodeURIComponent(channelId);

  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      // No cookies: the widget is anonymous, and a credential-less request needs no CSRF exemption.
      res = await fetchImpl(`${base}${path}`, { credentials: 'omit', ...init });
    } catch (error) {
      throw new ApiError(error instanceof Error ? error.message : 'Network error', 0, 'NETWORK_ERROR');
    }
    let body: { success?: boolean; data?: T; error?: { message?: string; code?: string } } | null = null;
    try {
      body = await res.json();
    } catch {
      /* not JSON: a proxy's error page */
    }
    if (res.ok && body?.success) return body.data as T;
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(
      body?.error?.message ?? `HTTP ${res.status}`,
      res.ok ? 502 : res.status,
      body?.error?.code ?? 'HTTP_ERROR',
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }

  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  return {
    config: () => call<WidgetConfigResponse>(`/api/widget/${ch}/config`),
    faqs: () => call<{ items: WidgetFaq[] }>(`/api/widget/${ch}/faqs`),
    status: () => call<WidgetStatusResponse>(`/api/widget/${ch}/status`),
    conversation: (visitorId: string) =>
      call<WidgetConversationResponse>(`/api/widget/${ch}/conversation?visitorId=${encodeURIComponent(visitorId)}`),
    sendMessage: (body: MessageBody) => call<WidgetMessageResponse>('/api/widget/message', json(body)),
    identify: (body: IdentifyBody) => call<{ verified: boolean; name: string | null }>(`/api/widget/${ch}/identify`, json(body)),
    email: (visitorId: string, email: string) => call<{ email: string }>(`/api/widget/${ch}/email`, json({ visitorId, email })),
    read: (visitorId: string, messageId: string) => call<{ read: number }>(`/api/widget/${ch}/read`, json({ visitorId, messageId })),
    upload(visitorId: string, file: Blob & { name?: string }) {
      const form = new FormData();
      // visitorId first: the server reads fields in order and must know the visitor before the file.
      form.append('visitorId', visitorId);
      form.append('file', file, file.name ?? 'file');
      return call<WidgetUploadResponse>(`/api/widget/${ch}/upload`, { method: 'POST', body: form });
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
