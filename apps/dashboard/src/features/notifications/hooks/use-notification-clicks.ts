import { useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';

/**
 * The service worker (public/sw.js) tells an open tab which conversation a clicked desktop notification is
 * about; the tab moves there inside the app, without a reload. Only same-origin paths are followed.
 */
export function useNotificationClicks() {
  const router = useRouter();
  useEffect(() => {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    const onMessage = (event: MessageEvent) => {
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'notification-click') return;
      const url = (data as { url?: unknown }).url;
      if (typeof url === 'string' && url.startsWith('/') && !url.startsWith('//')) router.history.push(url);
    };
    container.addEventListener('message', onMessage);
    // Messages wait in a queue until the page says it listens (addEventListener alone does not say so).
    container.startMessages();
    return () => container.removeEventListener('message', onMessage);
  }, [router]);
}
