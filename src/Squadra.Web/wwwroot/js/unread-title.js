// The unread count in front of the tab's title, "(3) Rowing club · Squadra", whatever page set the title.
// Pages keep their <PageTitle>. Blazor owns the <title> element and updates its text nodes in place, so the count
// goes into the first text node in place too (setting document.title would replace Blazor's nodes under it), and
// an observer puts it back whenever Blazor writes a new title. The first text node, not the first node: a static
// title ("Teams · Squadra") comes after a comment Blazor marks its place with.

let count = 0;
let node = null; // the text node last written, the page's own text in it, and what this made it say
let base = '';
let written = null;
let observer = null;

function apply() {
  const title = document.querySelector('title');
  const first = title ? [...title.childNodes].find(child => child.nodeType === Node.TEXT_NODE) : undefined;
  if (!first) {
    return;
  }
  // A new node, or text Blazor wrote since: that is the page's title now.
  if (first !== node || first.data !== written) {
    node = first;
    base = first.data;
  }
  written = count > 0 ? `(${count > 99 ? '99+' : count}) ${base}` : base;
  if (first.data !== written) {
    first.data = written;
  }
}

/** Shows this many unread in the title (0: none), and keeps them there as pages change the title. */
export function showUnread(unread) {
  count = unread;
  if (!observer) {
    observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
  }
  apply();
}
