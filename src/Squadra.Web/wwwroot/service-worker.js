// Squadra's service worker: shows the notifications the server pushes (src/Squadra.Api/Features/Push; the payload is
// {type, title, body, url, actions?}) and, on a click, brings the app to the notification's page, or to a button's
// (an event's "Going" opens the event with the answer, which the app gives: this worker holds no sign-in). It has no fetch handler: the
// app is not cached for offline use, and every request goes to the network as without a worker.

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('push', event => {
  let payload = {};
  try {
    payload = event.data ? event.data.json() : {};
  } catch {
    payload = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(self.registration.showNotification(payload.title || 'Squadra', {
    body: payload.body || '',
    icon: 'icon-192.png',
    badge: 'icon-192.png',
    actions: (payload.actions || []).map(a => ({ action: a.action, title: a.title })),
    data: { url: payload.url || '/', actions: Object.fromEntries((payload.actions || []).map(a => [a.action, a.url])) },
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const data = event.notification.data || {};
  const target = new URL((event.action && data.actions?.[event.action]) || data.url || '/', self.registration.scope);
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const same = windows.find(w => w.url === target.href);
    if (same) {
      return same.focus();
    }
    // An open tab of the app goes to the page (a full load of it); none: a new one.
    const app = windows.find(w => new URL(w.url).origin === target.origin);
    if (app && 'navigate' in app) {
      try {
        return await (await app.focus()).navigate(target.href);
      } catch {
        // A tab this worker does not control cannot be navigated by it: a new one instead.
      }
    }
    return self.clients.openWindow(target.href);
  })());
});
