// The thread pane's one need that Blazor has no API for: Escape closes it, unless something inside takes Escape first.

/** Calls the component's Close on Escape in the pane, but not while a message is edited or a menu of the pane is open. */
export function closeOnEscape(pane, component) {
  const onKeyDown = event => {
    if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) {
      return;
    }
    // The editor's Escape cancels the edit, a popover's closes the popover and a dialog's (an image viewer) the
    // dialog (ChatMessage, Popover, Modal): one step at a time.
    if (event.target.closest?.('[data-testid="edit-body"], [role="dialog"]') || pane.querySelector('[aria-expanded="true"]')) {
      return;
    }
    component.invokeMethodAsync('Close');
  };
  pane.addEventListener('keydown', onKeyDown);
  return { dispose: () => pane.removeEventListener('keydown', onKeyDown) };
}
