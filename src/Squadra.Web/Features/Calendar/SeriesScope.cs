using Squadra.Contracts.Events;

namespace Squadra.Web.Features.Calendar;

/// <summary>The scopes of a change to an occurrence of a series (EventRules.Scope*), as the calendar treats them.</summary>
public static class SeriesScope
{
    /// <summary>
    /// A change or cancellation "following" or "all" reaches other occurrences: the calendar reads them again rather
    /// than wait for their pushes (one per occurrence), so they show changed together.
    /// </summary>
    public static bool ReachesOthers(string? scope) => scope is EventRules.ScopeFollowing or EventRules.ScopeAll;
}
