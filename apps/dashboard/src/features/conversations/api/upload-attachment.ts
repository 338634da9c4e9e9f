import type { Media } from '@helpstack/contracts';
import { uploadFile } from '../../../lib/upload.ts';

/** Stores a file for a reply (POST /api/media/upload); its `path` then goes in `attachments`. */
export const uploadAttachment = (file: File, options: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {}) =>
  uploadFile<Media>('/api/media/upload', file, options);
