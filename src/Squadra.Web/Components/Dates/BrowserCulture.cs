using System.Globalization;
using Microsoft.JSInterop;

namespace Squadra.Web.Components.Dates;

/// <summary>
/// The culture the app formats with, from the browser's language. The app is built with InvariantGlobalization (no
/// ICU data to download: the first load stays small), so .NET cannot look a culture up by name; instead the browser's
/// own Intl says how its language writes a time (12 or 24 hours) and a date (month or day first), and those
/// conventions go on a copy of the invariant culture that becomes CurrentCulture. DateWords reads it.
/// </summary>
public static class BrowserCulture
{
    /// <summary>Reads the browser's conventions once, before the first render; on any failure the invariant culture stays (24 hours, day first).</summary>
    public static async Task ApplyAsync(IJSRuntime js)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/locale.js");
            var conventions = await module.InvokeAsync<DateConventions>("dateConventions");
            CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = From(conventions);
        }
        catch (JSException)
        {
        }
    }

    /// <summary>An invariant culture (English names) that writes times and dates the way the browser's language does.</summary>
    public static CultureInfo From(DateConventions conventions) => new BrowserCultureInfo(conventions);
}

/// <summary>The invariant culture carrying the browser's conventions (so .NET's own "t" and "M" formats follow them too).</summary>
public sealed class BrowserCultureInfo : CultureInfo
{
    public BrowserCultureInfo(DateConventions conventions) : base("")
    {
        Conventions = conventions;
        DateTimeFormat.ShortTimePattern = conventions.Hour12 ? "h:mm tt" : "HH:mm";
        DateTimeFormat.MonthDayPattern = conventions.MonthFirst ? "MMMM d" : "d MMMM";
    }

    public DateConventions Conventions { get; }
}

/// <summary>What locale.js reads from the browser: its language, and how that language writes a time and a date.</summary>
public sealed record DateConventions(string Locale, bool Hour12, bool MonthFirst);
