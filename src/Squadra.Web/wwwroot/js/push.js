// Web push for this browser (src/Squadra.Web/Features/Push): the service worker's push subscription, made with the
// server's VAPID key when the user turns push on, so the permission prompt follows their click and never a page load.
// Which user turned it on is kept beside it: another user signing in on this browser sees it off for them.

const ownerKey = 'squadra.push.user';

function supported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

async function registration() {
  // service-worker-registration.js registered it at load; registering again is a no-op that also covers a failure then.
  await navigator.serviceWorker.register('service-worker.js');
  return navigator.serviceWorker.ready;
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - base64.length % 4) % 4)), c => c.charCodeAt(0));
}

function sameKey(buffer, publicKey) {
  const a = new Uint8Array(buffer || []), b = fromBase64Url(publicKey);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** 'unsupported', 'denied' (blocked in the browser's settings), 'on' (for this user) or 'off'. */
export async function state(userId) {
  if (!supported()) {
    return 'unsupported';
  }
  if (Notification.permission === 'denied') {
    return 'denied';
  }
  const subscription = await (await registration()).pushManager.getSubscription();
  return subscription && Notification.permission === 'granted' && localStorage.getItem(ownerKey) === userId ? 'on' : 'off';
}

/** Asks the permission, then subscribes: {endpoint, keys: {p256dh, auth}} to send the server, or null when refused. */
export async function subscribe(publicKey, userId) {
  if (!supported() || await Notification.requestPermission() !== 'granted') {
    return null;
  }
  const manager = (await registration()).pushManager;
  let subscription = await manager.getSubscription();
  // One made with another key (the server's was replaced) would be refused by the push service.
  if (subscription && !sameKey(subscription.options.applicationServerKey, publicKey)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await manager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) });
  localStorage.setItem(ownerKey, userId);
  const json = subscription.toJSON();
  return { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } };
}

/** Ends this browser's subscription; its endpoint for the server to forget, or null when there was none. */
export async function unsubscribe() {
  localStorage.removeItem(ownerKey);
  if (!supported()) {
    return null;
  }
  const subscription = await (await registration()).pushManager.getSubscription();
  if (!subscription) {
    return null;
  }
  const endpoint = subscription.endpoint;
  await subscription.unsubscribe();
  return endpoint;
}
