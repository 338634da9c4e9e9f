import { deletePushSubscription, getVapidPublicKey, savePushSubscription } from '../api/push-subscription.ts';

/**
 * The browser half of Web Push (CONTRACT §11): the service worker at the origin's root (`/sw.js`, from
 * public/), the permission (asked only from a click) and the PushSubscription the server pushes to.
 */
export const SERVICE_WORKER_URL = '/sw.js';

export function isPushSupported() {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

export const notificationPermission = (): NotificationPermission => (isPushSupported() ? Notification.permission : 'denied');

const registration = () => navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' });

/** The browser's current subscription for this origin, without registering anything. */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  if (!isPushSupported()) return null;
  const existing = await navigator.serviceWorker.getRegistration('/');
  return (await existing?.pushManager.getSubscription()) ?? null;
}

/** VAPID keys travel as base64url; `subscribe` wants the raw bytes. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class PushPermissionError extends Error {
  override readonly name = 'PushPermissionError';
}

/** Must run from a user gesture: it is what shows the browser's permission prompt. */
export async function enableDesktopNotifications(): Promise<PushSubscription> {
  if (!isPushSupported()) throw new PushPermissionError('This browser does not support desktop notifications.');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new PushPermissionError(
      permission === 'denied' ? 'Notifications are blocked for this site. Allow them in the browser’s site settings, then try again.' : 'Permission was not given.',
    );
  }
  const [{ publicKey }, reg] = await Promise.all([getVapidPublicKey(), registration()]);
  await navigator.serviceWorker.ready;
  const subscription =
    (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(publicKey) }));
  const json = subscription.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new Error('The browser returned an incomplete push subscription.');
  await savePushSubscription({ endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth }, expirationTime: json.expirationTime ?? null });
  return subscription;
}

/** Forgets the subscription on the server first (so no push is sent to a dead endpoint), then in the browser. */
export async function disableDesktopNotifications(): Promise<void> {
  const subscription = await currentPushSubscription();
  if (!subscription) return;
  await deletePushSubscription(subscription.endpoint);
  await subscription.unsubscribe();
}
