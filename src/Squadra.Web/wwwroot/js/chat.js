// The chat pane's few needs that Blazor has no API for. The scroller is flex-direction: column-reverse, so its
// scrollTop is 0 at the newest end and older pages grow above the view without moving it.

/** Calls the component's ReachedTop when the top of the history scrolls into view (with some margin). */
export function observeTop(scroller, sentinel, component) {
  const observer = new IntersectionObserver(entries => {
    if (entries.some(entry => entry.isIntersecting)) {
      component.invokeMethodAsync('ReachedTop');
    }
  }, { root: scroller, rootMargin: '200px 0px 0px 0px' });
  observer.observe(sentinel);
  return {
    // Observing again reports the current state: a page too short to fill the pane asks for the next one.
    recheck: () => { observer.unobserve(sentinel); observer.observe(sentinel); },
    dispose: () => observer.disconnect(),
  };
}

/** Tells the component whether the newest end of the chat is in view (within a screenful's fifth), as it changes. */
export function observeNewest(scroller, sentinel, component) {
  const observer = new IntersectionObserver(entries => {
    const entry = entries[entries.length - 1];
    component.invokeMethodAsync('NewestInView', entry.isIntersecting);
  }, { root: scroller, rootMargin: '0px 0px 20% 0px' });
  observer.observe(sentinel);
  return { dispose: () => observer.disconnect() };
}

/** Enter sends, Shift+Enter starts a new line (and nothing happens mid-composition of an IME). */
export function submitOnEnter(textarea) {
  textarea.addEventListener('keydown', event => {
    // While @mention suggestions are open (ChatPane's MentionList), these keys are the list's: Blazor handles them.
    if (textarea.dataset.suggesting === 'true' && !event.isComposing
        && (['ArrowUp', 'ArrowDown', 'Escape'].includes(event.key) || (['Enter', 'Tab'].includes(event.key) && !event.shiftKey))) {
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      textarea.form?.requestSubmit();
    }
  });
}

export function scrollToNewest(scroller) {
  scroller.scrollTop = 0;
}

/** Scrolls the message with this seq to the middle of the pane and marks it for a moment (a search result, a link). */
export function showMessage(scroller, seq) {
  const message = scroller.querySelector(`[data-seq="${Number(seq)}"]`);
  if (!message) {
    return;
  }
  message.scrollIntoView({ block: 'center' });
  message.classList.add('spotlight');
  setTimeout(() => message.classList.remove('spotlight'), 3000);
}

/** Focuses the composer where a keyboard is at hand; on a touch screen that would open the keyboard over the chat. */
export function focusComposer(textarea) {
  if (window.matchMedia('(pointer: fine)').matches) {
    textarea.focus({ preventScroll: true });
  }
}

/** Tells the component whether the tab is on screen, now and as it changes: what a hidden tab shows is not read. */
export function observeVisibility(component) {
  const report = () => component.invokeMethodAsync('TabVisible', document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', report);
  report();
  return { dispose: () => document.removeEventListener('visibilitychange', report) };
}
