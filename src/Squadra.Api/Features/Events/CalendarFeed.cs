using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Squadra.Contracts;
using Squadra.Contracts.Events;

namespace Squadra.Api.Features.Events;

/// <summary>
/// A team's events as an RFC 5545 calendar, written by Ical.Net. Ical.Net escapes text values but not parameter
/// values (the organizer's CN): a display name with CR/LF once wrote whole events into every member's feed. Input
/// refuses control characters now (Contracts.TextRules); what is written here is cleaned all the same, for rows
/// stored before that.
/// </summary>
internal static class CalendarFeed
{
    public const string RefreshInterval = "PT15M";

    public static string Write(string teamName, IEnumerable<(EventDto Event, DateTimeOffset Changed)> events)
    {
        var calendar = new Calendar { ProductId = "-//Squadra//Team events//EN" };
        calendar.AddProperty("X-WR-CALNAME", OneLine(teamName));
        // How often a calendar app should fetch again (RFC 7986; X-PUBLISHED-TTL for those that predate it). Cheap for
        // the server: an unchanged feed is a 304 (CalendarFeedEndpoints).
        var refresh = new CalendarProperty("REFRESH-INTERVAL", RefreshInterval);
        refresh.Parameters.Set("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddProperty("X-PUBLISHED-TTL", RefreshInterval);
        foreach (var (e, changed) in events)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{e.Id}@squadra",
                // Ical.Net stamps "now" by default: a feed that changes at every fetch could never be a 304.
                DtStamp = new CalDateTime(changed.UtcDateTime, CalDateTime.UtcTzId),
                LastModified = new CalDateTime(changed.UtcDateTime, CalDateTime.UtcTzId),
                Summary = OneLine(e.Title),
                Description = Clean(e.Description),
                Location = OneLine(e.Location),
                Start = new CalDateTime(e.StartsAt.UtcDateTime, CalDateTime.UtcTzId),
                End = new CalDateTime((e.EndsAt ?? e.StartsAt).UtcDateTime, CalDateTime.UtcTzId),
                Status = e.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Organizer = new Organizer { CommonName = OneLine(e.CreatedBy.DisplayName).Replace('"', '\''), Value = new Uri($"urn:squadra:user:{e.CreatedBy.Id}") },
            });
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>A name or title: every control character (line breaks included) becomes a space.</summary>
    private static string OneLine(string text) =>
        string.Concat(text.Select(c => TextRules.IsForbidden(c, multiline: false) ? ' ' : c));

    /// <summary>A description keeps its line breaks (Ical.Net escapes them as \n); other control characters go.</summary>
    private static string Clean(string text) =>
        string.Concat(text.Where(c => !TextRules.IsForbidden(c, multiline: true)));
}
