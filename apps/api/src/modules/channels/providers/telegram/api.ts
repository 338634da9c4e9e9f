import { PROVIDER_TIMEOUT_MS } from '../http.ts';

/** A Bot API answer: `{ok: true, result}` or `{ok: false, error_code, description, parameters?}`. */
export interface TelegramAnswer<R = unknown> {
  ok: boolean;
  result?: R;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

/** Thrown when Telegram could not be reached at all; the token is in the URL, so neither it nor the cause is kept. */
export class TelegramUnreachable extends Error {
  constructor() {
    super('Telegram could not be reached');
  }
}

/** Calls one Bot API method with a JSON body (`TELEGRAM_API_URL` is operator-set, so plain fetch). */
export async function telegramCall<R = unknown>(apiUrl: string, botToken: string, method: string, body: unknown, signal?: AbortSignal): Promise<TelegramAnswer<R>> {
  let res: Response;
  try {
    res = await fetch(`${apiUrl}/bot${botToken}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(PROVIDER_TIMEOUT_MS)]) : AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch {
    throw new TelegramUnreachable();
  }
  const answer = (await res.json().catch(() => undefined)) as TelegramAnswer<R> | undefined;
  return answer ?? { ok: false, error_code: res.status, description: `HTTP ${res.status}` };
}

/** Downloads a file Telegram holds (`getFile`, then `/file/bot<token>/<file_path>`). */
export async function telegramDownload(apiUrl: string, botToken: string, fileId: string): Promise<Buffer | null> {
  const file = await telegramCall<{ file_path?: string }>(apiUrl, botToken, 'getFile', { file_id: fileId });
  if (!file.ok || !file.result?.file_path) return null;
  const res = await fetch(`${apiUrl}/file/bot${botToken}/${file.result.file_path}`, { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS), redirect: 'error' }).catch(() => null);
  if (!res?.ok) return null;
  return Buffer.from(await res.arrayBuffer());
}
