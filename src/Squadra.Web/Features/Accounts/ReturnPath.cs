using Microsoft.AspNetCore.Components;

namespace Squadra.Web.Features.Accounts;

/// <summary>
/// The page a visitor asked for before logging in, carried as <c>?returnUrl=/teams/…</c> through login and sign-up.
/// Only a path of this app is followed: a link crafted to send a fresh login to another site (an open redirect) goes home.
/// </summary>
public static class ReturnPath
{
    /// <summary>The address of the log-in page that comes back to the page the app is on now (home needs no return).</summary>
    public static string LoginFor(NavigationManager navigation)
    {
        var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
        return With("login", here);
    }

    /// <summary>A page's address carrying the return path on, when there is a local one ("register?returnUrl=%2Fteams").</summary>
    public static string With(string page, string? returnUrl) =>
        IsLocal(returnUrl) && returnUrl != "/" ? $"{page}{(page.Contains('?', StringComparison.Ordinal) ? '&' : '?')}returnUrl={Uri.EscapeDataString(returnUrl!)}" : page;

    /// <summary>Where to go once signed in, relative to the app's base: the local page asked for, or home.</summary>
    public static string Destination(string? returnUrl) => IsLocal(returnUrl) ? returnUrl![1..] : "";

    // A path on this origin: "/teams/t-1?week=2". Not "//host" or "/\host" (browsers read both as another host), not
    // "https://…", "javascript:…" or a relative "teams" (which would depend on where the page is).
    static bool IsLocal(string? returnUrl) =>
        returnUrl is ['/', ..] and not ['/', '/', ..]
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
        && !returnUrl.Any(char.IsControl);
}
