// How the browser's language writes times and dates, for BrowserCulture: the .NET runtime has no ICU data
// (InvariantGlobalization), so it asks the browser's Intl, which has them for every language.

/** { locale, hour12, monthFirst } for navigator.language: "en-US" gives 12 hours and the month first. */
export function dateConventions() {
  const locale = navigator.language || 'en-GB';
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
  const hour12 = time.hourCycle ? time.hourCycle === 'h12' || time.hourCycle === 'h11' : Boolean(time.hour12);
  const parts = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).formatToParts(new Date(2026, 0, 12));
  const monthFirst = parts.findIndex(part => part.type === 'month') < parts.findIndex(part => part.type === 'day');
  return { locale, hour12, monthFirst };
}
