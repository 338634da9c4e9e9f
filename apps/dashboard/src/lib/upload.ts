import { ApiError, parseResponse } from './api-client.ts';

export type UploadOptions = {
  /** 0–1, as the bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  field?: string;
};

/**
 * A multipart upload over XMLHttpRequest: fetch() cannot report upload progress, and a progress bar
 * is what makes a 20 MB attachment feel fine. Answers the envelope's data like the api client does.
 */
export function uploadFile<T>(url: string, file: File, { onProgress, signal, field = 'file' }: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      onProgress?.(1);
      try {
        resolve(parseResponse<T>(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')));
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Upload failed. Check your connection.' }));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append(field, file, file.name);
    xhr.send(body);
  });
}
