import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

const CONTEXT = 'public-media-link';
/** Long enough for Meta or Telegram to fetch an attachment (they do at once), short enough not to linger. */
export const PUBLIC_LINK_TTL_MS = 24 * 60 * 60 * 1000;

const claim = z.object({ o: z.string(), m: z.string(), e: z.number() });

/**
 * A link under PUBLIC_URL that serves one stored file without a session, for providers that fetch
 * attachments by URL. The token is the app's authenticated encryption of (organization, media, expiry):
 * it cannot be forged or altered, and it names nothing readable.
 */
export function publicMediaLink(app: Pick<FastifyInstance, 'config' | 'crypto'>, params: { organizationId: string; mediaId: string }, now = Date.now()) {
  const token = app.crypto.encryptJson({ o: params.organizationId, m: params.mediaId, e: now + PUBLIC_LINK_TTL_MS }, CONTEXT);
  return `${app.config.PUBLIC_URL ?? ''}/api/media/public?token=${encodeURIComponent(token)}`;
}

/** The media a public link names, or null when the token is forged, altered or expired. */
export function readPublicMediaToken(app: Pick<FastifyInstance, 'crypto'>, token: string, now = Date.now()) {
  try {
    const parsed = claim.safeParse(app.crypto.decryptJson(token, CONTEXT));
    if (!parsed.success || parsed.data.e < now) return null;
    return { organizationId: parsed.data.o, mediaId: parsed.data.m };
  } catch {
    return null;
  }
}
