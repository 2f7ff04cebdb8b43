// Whether a CSS media query matches, for what a page should not even render where its CSS would hide it
// (WhenMedia.razor): hidden markup still runs its component, and that may fetch what no one sees.

/** Tells the component (its MediaChanged) each time the query starts or stops matching; matches() says it now. */
export function watch(query, component) {
  const list = window.matchMedia(query);
  const changed = event => component.invokeMethodAsync('MediaChanged', event.matches);
  list.addEventListener('change', changed);
  return {
    matches: () => list.matches,
    dispose: () => list.removeEventListener('change', changed),
  };
}
