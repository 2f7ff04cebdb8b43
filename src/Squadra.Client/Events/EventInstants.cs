using System.Globalization;

namespace Squadra.Client.Events;

/// <summary>
/// Event times between the browser and the API: the API takes instants with an offset and gives them back in UTC;
/// people read and type them in their own zone (a datetime-local field has no zone, so the zone's offset is added).
/// </summary>
public static class EventInstants
{
    static readonly string[] s_inputFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fff"];

    /// <summary>"2026-12-01T18:00:00+01:00": what the API accepts.</summary>
    public static string Format(DateTimeOffset instant) => instant.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>A datetime-local field's value for the instant, in the zone.</summary>
    public static string ToInput(DateTimeOffset instant, TimeZoneInfo zone) =>
        ToLocal(instant, zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>Reads a datetime-local value as a time in the zone; false when it is no time, or one the zone skips (clocks going forward).</summary>
    public static bool TryParseInput(string? value, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(value)
            || !DateTime.TryParseExact(value.Trim(), s_inputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || zone.IsInvalidTime(local))
            return false;

        instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return true;
    }

    /// <summary>The instant a local day begins (an hour later where midnight is skipped by a clock change).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        if (zone.IsInvalidTime(local))
            local = local.AddHours(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
