// Registers the service worker (service-worker.js) as the page loads: it makes the app installable (with
// manifest.webmanifest) and is where pushed notifications arrive. Asks for nothing: the permission to show
// notifications is asked only when the user turns push on (js/push.js, from the profile page).
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('service-worker.js').catch(error => console.warn('Service worker not registered', error));
}
