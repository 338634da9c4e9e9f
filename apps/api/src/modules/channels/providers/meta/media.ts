import type { FastifyInstance } from 'fastify';
import type { MessageAttachment } from '../../../../db/schema/index.ts';
import { storeProviderFile } from '../../../media/store-bytes.ts';
import { PROVIDER_TIMEOUT_MS } from '../http.ts';

/** A file a customer sent, as Meta names it in a webhook: a WhatsApp media id, or a Messenger/Instagram URL. */
export type MetaMediaRef = { mediaId: string; name?: string } | { url: string; name?: string };

/**
 * Downloads a customer's file into media storage. WhatsApp: `GET {META_GRAPH_URL}/{mediaId}` (operator-set
 * base, plain fetch) gives a URL that serves the bytes with the bearer token. That URL, and Messenger's
 * attachment URLs, come from outside, so they go through the outbound guard. Null when it cannot be had: the
 * message still lands, with its placeholder text.
 */
export async function downloadMetaMedia(
  app: Pick<FastifyInstance, 'config' | 'db' | 'storage' | 'outbound' | 'log'>,
  params: { organizationId: string; accessToken: string; ref: MetaMediaRef },
): Promise<MessageAttachment | null> {
  const { ref, accessToken } = params;
  try {
    let url: string;
    let auth: Record<string, string> = {};
    if ('mediaId' in ref) {
      auth = { authorization: `Bearer ${accessToken}` };
      const lookup = await fetch(`${app.config.META_GRAPH_URL}/${encodeURIComponent(ref.mediaId)}`, { headers: auth, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS), redirect: 'error' });
      const body = (await lookup.json().catch(() => undefined)) as { url?: unknown } | undefined;
      if (!lookup.ok || typeof body?.url !== 'string') return null;
      url = body.url;
    } else {
      url = ref.url;
    }
    const res = await app.outbound.fetch(url, { headers: auth });
    if (!res.ok) return null;
    const bytes = Buffer.from(await res.arrayBuffer());
    return await storeProviderFile(app, { organizationId: params.organizationId, bytes, name: ref.name ?? 'attachment' });
  } catch (err) {
    app.log.warn({ err: (err as Error).message }, 'a customer\'s file from Meta could not be downloaded');
    return null;
  }
}
