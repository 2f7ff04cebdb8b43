using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Squadra.Contracts.Events;

namespace Squadra.Api.Features.Events;

/// <summary>A team's events as an RFC 5545 calendar, written by Ical.Net.</summary>
internal static class CalendarFeed
{
    public static string Write(string teamName, IEnumerable<EventDto> events)
    {
        var calendar = new Calendar { ProductId = "-//Squadra//Team events//EN" };
        calendar.AddProperty("X-WR-CALNAME", teamName);
        foreach (var e in events)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{e.Id}@squadra",
                Summary = e.Title,
                Description = e.Description,
                Location = e.Location,
                Start = new CalDateTime(e.StartsAt.UtcDateTime, CalDateTime.UtcTzId),
                End = new CalDateTime((e.EndsAt ?? e.StartsAt).UtcDateTime, CalDateTime.UtcTzId),
                Status = e.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Organizer = new Organizer { CommonName = e.CreatedBy.DisplayName, Value = new Uri($"urn:squadra:user:{e.CreatedBy.Id}") },
            });
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
