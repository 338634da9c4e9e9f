/*
 * HelpStack service worker: desktop notifications from Web Push (CONTRACT §11).
 * Served at the dashboard's root (/sw.js, scope /). A push carries JSON {type, title, body, url, conversationId}:
 * title names the customer, body previews the message. Clicking the notification focuses an open dashboard tab
 * and moves it to the conversation (or opens a new tab there). It caches nothing: the dashboard needs the network.
 */
/* eslint-env serviceworker */

self.addEventListener('install', () => {
  // A new version replaces the old one at once: there is no cached state to migrate.
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** Only paths of this origin: a push must never send the agent somewhere else. */
function safePath(url) {
  try {
    const target = new URL(typeof url === 'string' ? url : '/inbox', self.location.origin);
    return target.origin === self.location.origin ? target.pathname + target.search + target.hash : '/inbox';
  } catch {
    return '/inbox';
  }
}

function parsePayload(event) {
  if (!event.data) return null;
  try {
    const payload = event.data.json();
    return payload && typeof payload === 'object' ? payload : null;
  } catch {
    return { title: 'HelpStack', body: event.data.text() };
  }
}

self.addEventListener('push', (event) => {
  const payload = parsePayload(event) ?? {};
  const title = typeof payload.title === 'string' && payload.title ? payload.title : 'HelpStack';
  const conversationId = typeof payload.conversationId === 'string' ? payload.conversationId : null;
  const options = {
    body: typeof payload.body === 'string' ? payload.body : '',
    // One notification per conversation: a burst of messages replaces, and re-alerts, instead of piling up.
    tag: conversationId ? `conversation-${conversationId}` : undefined,
    renotify: Boolean(conversationId),
    data: { url: safePath(payload.url), type: payload.type ?? null, conversationId },
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = safePath(event.notification.data && event.notification.data.url);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((c) => new URL(c.url).origin === self.location.origin);
      if (open) {
        // The tab navigates inside the app (no reload); see the dashboard's service-worker listener.
        open.postMessage({ type: 'notification-click', url });
        await open.focus().catch(() => undefined);
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
