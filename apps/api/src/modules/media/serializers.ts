import { mediaDownloadUrl, type Media } from '@helpstack/contracts';
import type { MediaRow } from './queries.ts';

export const toMedia = (m: MediaRow): Media => ({
  id: m.id,
  path: m.path,
  url: mediaDownloadUrl(m.id),
  name: m.name,
  mimeType: m.mimeType,
  size: m.size,
  createdAt: m.createdAt.toISOString(),
});
